package io.mlopsagent.simulation.report;

import java.time.Duration;
import java.util.Locale;

/**
 * Durations as the page words them. Times in a run are told as elapsed since its start ("day 2,
 * 06:00"), not as dates: a scenario's start is arbitrary and the comparison is about how soon.
 */
final class DurationText {
  private DurationText() {}

  /** {@code 7 days}, {@code 36 h}, {@code 1 min}, {@code 30 s}; a dash when unknown. */
  static String human(Duration d) {
    if (d == null) {
      return "—";
    }
    long s = d.getSeconds();
    if (d.getNano() != 0 || s == 0) {
      return d.toString();
    }
    if (s % 86_400 == 0) {
      return s / 86_400 + (s == 86_400 ? " day" : " days");
    }
    if (s % 3_600 == 0) {
      return s / 3_600 + " h";
    }
    return s % 60 == 0 ? s / 60 + " min" : s + " s";
  }

  /** A moment given by its offset from the start: {@code day 2, 06:30}. */
  static String elapsed(Duration sinceStart) {
    long minutes = Math.max(0, sinceStart.toMinutes());
    return String.format(Locale.ROOT, "day %d, %02d:%02d", minutes / 1440, minutes % 1440 / 60, minutes % 60);
  }

  /** A tick on a time axis: {@code start}, {@code day 3} at a day boundary, else the time of day. */
  static String tick(Duration sinceStart) {
    long minutes = sinceStart.toMinutes();
    if (minutes % 1440 != 0) {
      return String.format(Locale.ROOT, "%02d:%02d", minutes % 1440 / 60, minutes % 60);
    }
    return minutes == 0 ? "start" : "day " + minutes / 1440;
  }

  /** A length told roughly, for a span the page computed (a bucket): {@code 34 min}, {@code 1.5 h}. */
  static String about(Duration d) {
    double seconds = d.toMillis() / 1000.0;
    if (seconds >= 3_600) {
      return String.format(Locale.ROOT, "%.1f h", seconds / 3_600);
    }
    return seconds >= 60 ? Math.round(seconds / 60) + " min" : Math.round(seconds) + " s";
  }
}
