package io.mlopsagent.agent.daemon;

import io.mlopsagent.actors.poll.PollReport;
import io.mlopsagent.agent.metrics.AgentMetrics;
import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What the demo is doing, in one line: on a terminal it rewrites itself every second; in a log or a
 * pipe it is a new line every ten seconds, so CI output stays readable.
 */
public final class StatusLine {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private final PrintStream out;
  private final boolean terminal;
  private final AgentMetrics metrics;
  private final String url;
  private final long startedNanos;
  private long lastPrintedNanos;
  private long lastRecorded;
  private long lastNanos;

  public StatusLine(PrintStream out, boolean terminal, AgentMetrics metrics, String url) {
    this.out = out;
    this.terminal = terminal;
    this.metrics = metrics;
    this.url = url;
    this.startedNanos = System.nanoTime();
  }

  /** The real-time period at which {@link #tick(long)} should be called. */
  public Duration period() {
    return Duration.ofSeconds(1);
  }

  /** Prints the line if it is time to. */
  public synchronized void tick(long nowNanos) {
    if (!terminal && lastPrintedNanos != 0 && nowNanos - lastPrintedNanos < 10_000_000_000L) {
      return;
    }
    String line = render(nowNanos);
    lastPrintedNanos = nowNanos;
    if (terminal) {
      out.print("\r" + line + "\u001b[K");
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** Ends the live line with a summary of the whole run, so what follows starts on a fresh line. */
  public synchronized void finish(long nowNanos) {
    double seconds = Math.max(1e-3, (nowNanos - startedNanos) / 1e9);
    PollReport last = metrics.lastPoll();
    String line = String.format("ran %.0f s: %,d windows recorded (%.0f/s on average), fleet time reached %s UTC",
        seconds, metrics.windowsRecorded(), metrics.windowsRecorded() / seconds,
        last == null ? "-" : TIME.format(last.at()));
    out.println(terminal ? "\r" + line + "\u001b[K" : line);
    out.flush();
  }

  String render(long nowNanos) {
    PollReport last = metrics.lastPoll();
    long recorded = metrics.windowsRecorded();
    double rate = lastNanos == 0 ? 0 : (recorded - lastRecorded) / ((nowNanos - lastNanos) / 1e9);
    lastRecorded = recorded;
    lastNanos = nowNanos;
    if (last == null) {
      return "starting: waiting for the first poll of the fleet | " + url;
    }
    return String.format("fleet time %s UTC | %d models | %,d windows recorded (%.0f/s) | %d rejected | %d failed polls%s | %s",
        TIME.format(last.at()), last.models(), recorded, rate, metrics.windowsRejected(), metrics.failedPolls(),
        last.succeeded() ? "" : " (last: " + last.error() + ")", url);
  }
}
