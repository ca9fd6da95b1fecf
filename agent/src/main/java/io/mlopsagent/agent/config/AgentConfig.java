package io.mlopsagent.agent.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import io.mlopsagent.actors.agent.ModelAgentSettings;
import io.mlopsagent.actors.hocon.HoconText;
import io.mlopsagent.actors.policy.PolicyBook;
import io.mlopsagent.actors.poll.FleetPoller;
import io.mlopsagent.persistence.DatabaseTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The daemon's configuration, loaded and checked once at start. Everything the daemon needs is
 * read here, so a wrong value stops it before anything starts, with the key and the value named.
 *
 * @param pekko the full config the actor system runs with
 */
public record AgentConfig(
    Config pekko,
    DatabaseTarget database,
    Duration connectTimeout,
    HttpSettings http,
    DemoSettings demo,
    Duration pollerStep,
    PolicySource policySource,
    Duration policyReloadInterval) {

  /** The policies in force now. */
  public PolicyBook policies() {
    return policySource.current();
  }

  /** Who may change what through the admin API. */
  public io.mlopsagent.agent.http.AdminSettings admin() {
    return io.mlopsagent.agent.http.AdminSettings.fromConfig(pekko.getConfig("mlops.admin"));
  }

  /** The admin endpoint. */
  public record HttpSettings(String iface, int port, Duration askTimeout, int maxPageSize) {}

  /** The simulated fleet of {@code demo}. */
  public record DemoSettings(int models, long seed, double speed) {}

  /**
   * Loads the packaged defaults, then the optional {@code file}, then {@code overrides} (from
   * command-line flags), resolving environment variables.
   *
   * @throws ConfigProblem naming the file, key or value that is wrong
   */
  public static AgentConfig load(Optional<Path> file, Config overrides) {
    Config merged;
    try {
      Config defaults = ConfigFactory.parseResources(
          AgentConfig.class.getClassLoader(), "application.conf", ConfigParseOptions.defaults().setAllowMissing(false));
      // Guarded: a --config file nested hundreds deep overflows the parser's stack.
      merged = HoconText.guarded(() -> overrides
          .withFallback(file.map(AgentConfig::parseFile).orElse(ConfigFactory.empty()))
          .withFallback(defaults)
          .withFallback(ConfigFactory.defaultReference(AgentConfig.class.getClassLoader()))
          .resolve(ConfigResolveOptions.defaults()));
    } catch (ConfigException e) {
      throw new ConfigProblem("configuration: " + e.getMessage(), e);
    }
    try {
      return from(merged);
    } catch (ConfigException e) {
      throw new ConfigProblem("configuration: " + e.getMessage(), e);
    }
  }

  private static Config parseFile(Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new ConfigProblem("config file '" + file + "' (--config) does not exist or is not readable:"
          + " expected a HOCON file");
    }
    try {
      return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw new ConfigProblem("config file '" + file + "' (--config) cannot be parsed: " + e.getMessage(), e);
    }
  }

  private static AgentConfig from(Config c) {
    Config m = c.getConfig("mlops");
    HttpSettings http = new HttpSettings(
        m.getString("http.interface"),
        intIn(m, "http.port", 0, 65_535),
        positive(m, "http.ask-timeout"),
        intIn(m, "http.max-page-size", 1, 10_000));
    DemoSettings demo = new DemoSettings(
        intIn(m, "demo.models", 1, 100_000),
        m.getLong("demo.seed"),
        doubleIn(m, "demo.speed", 0.01, 100_000));
    Duration step = positive(m, "poller.step");
    intIn(m, "cluster.poller-slices", 1, 1000);
    // Fail now on a bad agent or poller setting rather than in the first entity.
    try {
      ModelAgentSettings.fromConfig(m.getConfig("agent"));
      FleetPoller.Settings.fromConfig(m.getConfig("poller"));
      io.mlopsagent.actors.learn.LearnerSettings.fromConfig(m.getConfig("learner"));
      io.mlopsagent.agent.cluster.ClusterMode.of(m.getString("cluster.bootstrap"));
      io.mlopsagent.agent.http.AdminSettings.fromConfig(m.getConfig("admin"));
      io.mlopsagent.agent.http.AdminTls.fromConfig(m.getConfig("http.tls"));
    } catch (IllegalArgumentException e) {
      throw new ConfigProblem("configuration: " + e.getMessage(), e);
    }
    String policiesFile = m.getString("policies-file").trim();
    PolicySource policies;
    try {
      policies = policiesFile.isEmpty() ? PolicySource.fixed(c)
          : PolicySource.fromFile(ConfigFiles.path("mlops.policies-file (--policies)", policiesFile), c);
    } catch (ConfigProblem e) {
      // The message names the file; the key says where that file name came from (--policies, say).
      throw e.getMessage().startsWith("configuration: mlops.policies-file") ? e
          : new ConfigProblem("configuration: mlops.policies-file (--policies): " + e.getMessage(), e);
    }
    return new AgentConfig(c, database(m), positive(m, "persistence.connect-timeout"), http, demo, step, policies,
        positive(m, "policies-reload-interval"));
  }

  private static DatabaseTarget database(Config m) {
    String url = m.getString("db.url").trim();
    if (url.isEmpty()) {
      String dir = m.getString("data-dir").trim();
      if (dir.isEmpty()) {
        throw new ConfigProblem("configuration: mlops.data-dir (--data) is empty: expected a directory for the H2"
            + " journal");
      }
      Path path = ConfigFiles.path("mlops.data-dir (--data)", dir);
      if (Files.exists(path) && !Files.isDirectory(path)) {
        // Caught here, not by H2 once the daemon is half started.
        throw new ConfigProblem("configuration: mlops.data-dir (--data) = '" + ConfigFiles.shown(dir)
            + "' is invalid: it is a file, expected a directory for the H2 journal (created if missing)");
      }
      return new DatabaseTarget.H2File(path);
    }
    String user = secret(m, "db.user", "db.user-file");
    String password = secret(m, "db.password", "db.password-file");
    try {
      return new DatabaseTarget.Postgres(url, user, password);
    } catch (IllegalArgumentException e) {
      throw new ConfigProblem("configuration: mlops.db.url: " + e.getMessage(), e);
    }
  }

  /** A value given inline or, winning over it, in a file (a mounted Secret). */
  private static String secret(Config m, String valueKey, String fileKey) {
    String file = m.getString(fileKey).trim();
    if (file.isEmpty()) {
      return m.getString(valueKey);
    }
    try {
      return ConfigFiles.readSmall(ConfigFiles.path("mlops." + fileKey, file));
    } catch (IOException e) {
      throw new ConfigProblem("configuration: mlops." + fileKey + " = '" + ConfigFiles.shown(file)
          + "' cannot be read: " + e.getMessage());
    }
  }

  private static int intIn(Config m, String key, int min, int max) {
    int v = m.getInt(key);
    if (v < min || v > max) {
      throw new ConfigProblem("configuration: mlops." + key + " = " + v + " is out of range: expected " + min + ".." + max);
    }
    return v;
  }

  private static double doubleIn(Config m, String key, double min, double max) {
    double v = m.getDouble(key);
    if (!(v >= min && v <= max)) {
      throw new ConfigProblem("configuration: mlops." + key + " = " + v + " is out of range: expected " + min + ".." + max);
    }
    return v;
  }

  private static Duration positive(Config m, String key) {
    Duration d = m.getDuration(key);
    if (d.isNegative() || d.isZero()) {
      throw new ConfigProblem("configuration: mlops." + key + " = " + d + " is invalid: expected a positive duration");
    }
    return d;
  }
}
