package io.mlopsagent.agent.metrics;

import io.mlopsagent.actors.poll.PollReport;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The agent's own metrics, served on {@code /metrics} with the JVM's, and the running totals the
 * demo's status line shows. Fed by the reports of the poller slices on this node ({@link #ofSlice}).
 * One registry per daemon, so tests that run several daemons in one JVM do not mix their figures.
 */
public final class AgentMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final Counter windows;
  private final Counter polls;
  private final Histogram pollSeconds;
  private final Gauge models;
  private final Gauge observationTime;

  private final AtomicLong recorded = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong failedPolls = new AtomicLong();
  private final AtomicReference<PollReport> last = new AtomicReference<>();

  public AgentMetrics(String version) {
    JvmMetrics.builder().register(registry);
    Info.builder().name("mlops_agent_build_info").help("Version of the running agent.")
        .labelNames("version").register(registry).addLabelValues(version);
    windows = Counter.builder().name("mlops_windows_total")
        .help("Observation windows by outcome: recorded, rejected (not after the latest), missing (no data), failed (entity did not answer).")
        .labelNames("outcome").register(registry);
    polls = Counter.builder().name("mlops_polls_total")
        .help("Polls of the metrics source by result.").labelNames("result").register(registry);
    pollSeconds = Histogram.builder().name("mlops_poll_duration_seconds")
        .help("Real time one poll took: fetch plus recording every window.")
        .classicUpperBounds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30).register(registry);
    // By slice: a node may host several slices (after another node left); the fleet is the sum
    // of the slices' models, and one slice stuck must show, not hide behind the newest of the others.
    models = Gauge.builder().name("mlops_models").help("Models in the poller slice's part of the fleet, by slice.")
        .labelNames("slice").register(registry);
    observationTime = Gauge.builder().name("mlops_observation_time_seconds")
        .help("Observation time (Unix seconds) of the newest window polled, by poller slice.")
        .labelNames("slice").register(registry);
  }

  /** Where poller slice {@code slice} reports its polls. */
  public Consumer<PollReport> ofSlice(int slice) {
    String label = Integer.toString(slice);
    return report -> accept(report, label);
  }

  private void accept(PollReport report, String slice) {
    last.set(report);
    pollSeconds.observe(report.elapsedNanos() / 1e9);
    if (!report.succeeded()) {
      polls.labelValues("failed").inc();
      failedPolls.incrementAndGet();
      return;
    }
    polls.labelValues("ok").inc();
    windows.labelValues("recorded").inc(report.recorded());
    windows.labelValues("rejected").inc(report.rejected());
    windows.labelValues("missing").inc(report.missing());
    windows.labelValues("failed").inc(report.failed());
    recorded.addAndGet(report.recorded());
    rejected.addAndGet(report.rejected());
    models.labelValues(slice).set(report.models());
    observationTime.labelValues(slice).set(report.at().getEpochSecond());
  }

  /** The registry the daemon's other metrics join, so one scrape serves them all. */
  public PrometheusRegistry registry() {
    return registry;
  }

  /** Prometheus text exposition format 0.0.4. */
  public byte[] scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public String contentType() {
    return writer.getContentType();
  }

  public long windowsRecorded() {
    return recorded.get();
  }

  public long windowsRejected() {
    return rejected.get();
  }

  public long failedPolls() {
    return failedPolls.get();
  }

  /** The newest poll report, {@code null} before the first. */
  public PollReport lastPoll() {
    return last.get();
  }

  /** Observation time of the newest poll, {@code null} before the first. */
  public Instant observedUpTo() {
    PollReport r = last.get();
    return r == null ? null : r.at();
  }
}
