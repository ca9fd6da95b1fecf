package io.mlopsagent.agent.cli;

import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Range checks of numeric options, failing as picocli does for a bad value (exit 2, usage shown)
 * with a message naming the option, the value and the range allowed.
 */
public final class OptionRange {
  private OptionRange() {}

  /** Checks {@code value} (null: not given) is within {@code min..max}. */
  public static void check(CommandSpec spec, String option, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      throw outOfRange(spec, option, value.toString(), min + " to " + max);
    }
  }

  /** Checks {@code value} (null: not given) is within {@code min..max}. */
  public static void check(CommandSpec spec, String option, Duration value, Duration min, Duration max) {
    if (value != null && (value.compareTo(min) < 0 || value.compareTo(max) > 0)) {
      throw outOfRange(spec, option, show(value), show(min) + " to " + show(max));
    }
  }

  private static CommandLine.ParameterException outOfRange(CommandSpec spec, String option, String value,
      String allowed) {
    return new CommandLine.ParameterException(spec.commandLine(),
        "Invalid value for option '" + option + "': " + value + " is out of range: expected " + allowed);
  }

  /** A duration as the options take it: 500ms, 10s, 2m, 1h. */
  private static String show(Duration d) {
    if (d.toMillis() % 1000 != 0) {
      return d.toMillis() + "ms";
    }
    long s = d.toSeconds();
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    return s % 60 == 0 ? s / 60 + "m" : s + "s";
  }
}
