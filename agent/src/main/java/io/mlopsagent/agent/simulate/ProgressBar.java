package io.mlopsagent.agent.simulate;

import io.mlopsagent.simulation.run.Contender;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/**
 * One contender's progress through the scenario on stderr: redrawn in place on a terminal, one
 * line per tenth otherwise (a CI log should not get thousands of carriage returns).
 */
final class ProgressBar implements Contender.Progress {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final boolean terminal;
  private final String label;
  private final Instant start;
  private final Duration duration;
  private final long startedNanos = System.nanoTime();
  private int lastShown = -1;
  private boolean finished;

  ProgressBar(PrintWriter err, boolean terminal, String label, Instant start, Duration duration) {
    this.err = err;
    this.terminal = terminal;
    this.label = label;
    this.start = start;
    this.duration = duration;
  }

  @Override
  public synchronized void reached(Instant at) {
    if (finished) {
      return;
    }
    double done = Math.max(0, Math.min(1, Duration.between(start, at).toMillis() / (double) duration.toMillis()));
    int percent = (int) Math.floor(done * 100);
    boolean show = terminal ? percent != lastShown : percent / 10 != lastShown / 10 || lastShown < 0;
    if (!show) {
      return;
    }
    lastShown = percent;
    int filled = (int) Math.round(done * WIDTH);
    String line = String.format("%-14s [%s%s] %3d%%  day %.1f of %.1f  %4.0f s", label, "#".repeat(filled),
        ".".repeat(WIDTH - filled), percent, done * duration.toMillis() / 86_400_000.0,
        duration.toMillis() / 86_400_000.0, (System.nanoTime() - startedNanos) / 1e9);
    if (terminal) {
      err.print("\r" + line);
    } else {
      err.println(line);
    }
    if (percent >= 100) {
      finished = true;
      if (terminal) {
        err.println();
      }
    }
    err.flush();
  }
}
