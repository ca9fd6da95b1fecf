package io.mlopsagent.simulation.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a scenario file (HOCON, a top-level {@code scenario} object; see docs/SCENARIOS.md) into a
 * {@link Scenario}, checking every value first. Either the whole scenario comes back or a
 * {@link ScenarioProblem} listing every problem of the file.
 */
public final class ScenarioLoader {
  private ScenarioLoader() {}

  /**
   * @throws ScenarioProblem when the file is missing, does not parse, or any value is wrong
   */
  public static Scenario load(Path file) {
    String origin = "scenario file '" + file + "'";
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw ScenarioProblem.unreadable(origin, "does not exist or is not readable");
    }
    Config config;
    try {
      // Not ConfigFactory.load: a scenario is the file alone, without system properties or defaults.
      config = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)).resolve();
    } catch (ConfigException e) {
      throw ScenarioProblem.unreadable(origin, "cannot be parsed: " + oneLine(e));
    }
    Path dir = file.toAbsolutePath().getParent();
    return read(config, origin).resolvedAgainst(dir);
  }

  /**
   * Parses HOCON text holding a top-level {@code scenario} object: for tests, and for a text the
   * caller already holds.
   *
   * @param origin what the text is, for messages, such as "scenario file 'faults.conf'"
   * @throws ScenarioProblem when the text does not parse or any value is wrong
   */
  public static Scenario parse(String hocon, String origin) {
    Config config;
    try {
      config = ConfigFactory.parseString(hocon, ConfigParseOptions.defaults().setOriginDescription(origin)).resolve();
    } catch (ConfigException e) {
      throw ScenarioProblem.unreadable(origin, "cannot be parsed: " + oneLine(e));
    }
    return read(config, origin);
  }

  private static Scenario read(Config config, String origin) {
    Set<String> problems = new LinkedHashSet<>();
    Scenario scenario = ScenarioReader.read(config, problems);
    if (!problems.isEmpty()) {
      throw ScenarioProblem.refused(origin, List.copyOf(problems));
    }
    return scenario;
  }

  private static String oneLine(ConfigException e) {
    return e.getMessage().replaceAll("\\s*\\R\\s*", " ");
  }
}
