package io.mlopsagent.agent.cli;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.time.Duration;
import picocli.CommandLine;

/** Durations written as in the config files: {@code 40s}, {@code 5m}, {@code 2h}, {@code 1d}. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    Duration d;
    try {
      d = ConfigFactory.empty().withValue("d", ConfigValueFactory.fromAnyRef(value.trim())).getDuration("d");
    } catch (ConfigException e) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a duration: use a number and a unit, e.g. 40s, 5m, 2h");
    }
    if (d.isNegative() || d.isZero()) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a positive duration");
    }
    return d;
  }
}
