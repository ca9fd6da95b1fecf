package io.mlopsagent.actors.learn;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** How plan reasons phrase numbers, so that every reason reads the same way. */
final class PlanPhrases {
  private PlanPhrases() {}

  /** "1.00 core", "2.50 cores". */
  static String cores(double cores) {
    return String.format(Locale.ROOT, "%.2f %s", cores, cores == 1.0 ? "core" : "cores");
  }

  /** "14.2 min". */
  static String minutes(double seconds) {
    return String.format(Locale.ROOT, "%.1f min", seconds / 60);
  }

  /** "4 %". */
  static String percent(double risk) {
    return String.format(Locale.ROOT, "%.0f %%", risk * 100);
  }

  /** "03:00 UTC (in 5 h)": the clock time, and how far from {@code from} it is. */
  static String clock(Instant at, Instant from) {
    int hour = FleetLoadProfile.hourOf(at);
    int minute = (int) (Math.floorMod(at.getEpochSecond(), 3_600L) / 60);
    return String.format(Locale.ROOT, "%02d:%02d UTC (in %s)", hour, minute, span(Duration.between(from, at)));
  }

  /** "2 h", "90 min". */
  static String span(Duration d) {
    return d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
  }
}
