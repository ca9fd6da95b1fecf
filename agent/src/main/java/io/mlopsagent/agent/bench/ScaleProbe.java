package io.mlopsagent.agent.bench;

import io.mlopsagent.actors.poll.PollReport;
import io.mlopsagent.agent.daemon.Daemon;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Watches a scale run: counts polls, and once the warm-up is over (the first {@link #WARM_UP_POLLS}
 * polls: the first creates every entity, the second runs on code the JIT has seen) times every
 * window until {@link #stop()}. The first poll is no steady state: 20,000 entities start at once.
 */
final class ScaleProbe {
  static final int WARM_UP_POLLS = 2;

  private final Duration interval;
  private final Consumer<String> progress;
  private final LatencyRecorder latencies = new LatencyRecorder();
  private final AtomicInteger polls = new AtomicInteger();
  private final AtomicInteger measuredPolls = new AtomicInteger();
  private final AtomicInteger overran = new AtomicInteger();
  private final AtomicInteger failedWindows = new AtomicInteger();
  private final AtomicLong firstPollNanos = new AtomicLong();
  private final CompletableFuture<Long> warmedUpAt = new CompletableFuture<>();
  private volatile boolean measuring;
  private volatile long stoppedAt;

  ScaleProbe(Duration interval, Consumer<String> progress) {
    this.interval = interval;
    this.progress = progress;
  }

  Daemon.Probe probe() {
    return new Daemon.Probe(this::onPoll, this::onObserved);
  }

  private void onObserved(long nanos) {
    if (measuring) {
      latencies.recordNanos(nanos);
    }
  }

  private void onPoll(PollReport report) {
    int n = polls.incrementAndGet();
    boolean late = report.elapsedNanos() > interval.toNanos();
    if (n == 1) {
      firstPollNanos.set(report.elapsedNanos());
    }
    if (measuring) {
      measuredPolls.incrementAndGet();
      failedWindows.addAndGet(report.failed());
      if (late) {
        overran.incrementAndGet();
      }
    }
    progress.accept(String.format("  poll %d: %d windows recorded in %.2f s%s%s", n, report.recorded(),
        report.elapsedNanos() / 1e9, late ? " (overran the interval)" : "",
        report.succeeded() ? "" : " FAILED: " + report.error()));
    if (n == WARM_UP_POLLS) {
      measuring = true;
      warmedUpAt.complete(System.nanoTime());
    }
  }

  /** Completes with {@link System#nanoTime()} when the warm-up is over and measuring starts. */
  CompletableFuture<Long> warmedUp() {
    return warmedUpAt;
  }

  /** Ends the measurement: windows answered later are not counted. */
  void stop() {
    stoppedAt = System.nanoTime();
    measuring = false;
  }

  LatencyRecorder latencies() {
    return latencies;
  }

  /** Seconds measured: from the end of the warm-up to {@link #stop()}. */
  double measuredSeconds() {
    return warmedUpAt.isDone() ? (stoppedAt - warmedUpAt.join()) / 1e9 : 0;
  }

  int polls() {
    return polls.get();
  }

  /** Polls that finished while measuring. */
  int measuredPolls() {
    return measuredPolls.get();
  }

  /** Measured polls that took longer than the interval (the next tick was skipped). */
  int overran() {
    return overran.get();
  }

  /** Windows whose entity did not answer in time, while measuring. */
  int failedWindows() {
    return failedWindows.get();
  }

  double firstPollSeconds() {
    return firstPollNanos.get() / 1e9;
  }
}
