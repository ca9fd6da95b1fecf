package io.mlopsagent.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mlopsagent.agent.cli.FileArguments.Expects;
import io.mlopsagent.agent.cli.FileArguments.Kind;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.agent.config.ConfigProblem;
import io.mlopsagent.agent.mlflow.MlflowSettings;
import io.mlopsagent.agent.prometheus.PrometheusMetricsSource;
import io.mlopsagent.agent.prometheus.PrometheusSettings;
import io.mlopsagent.agent.retraining.RetrainingSettings;
import io.mlopsagent.agent.retraining.RetrainingTriggers;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.CircuitBreaker;

/**
 * Every configuration key that names a file or a directory, given the same hostile paths as the
 * command-line options ({@link FileArguments}): a value that cannot be used is a {@link
 * ConfigProblem} naming the key, never an InvalidPathException, an OutOfMemoryError from reading
 * /dev/zero, or a start that blocks on a named pipe.
 */
class PropConfigFileKeysTest {
  /** One key, the settings it needs beside it, and its good value under the scratch directory. */
  record Key(String key, Expects expects, String good, Map<String, Object> beside) {
    @Override
    public String toString() {
      return key;
    }
  }

  private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:1/none";
  private static final List<Key> KEYS = List.of(
      new Key("mlops.data-dir", Expects.OUTPUT_DIR, "data", Map.of()),
      new Key("mlops.policies-file", Expects.FILE, "policies.conf", Map.of()),
      new Key("mlops.db.user-file", Expects.FILE, "token", Map.of("mlops.db.url", POSTGRES)),
      new Key("mlops.db.password-file", Expects.FILE, "token", Map.of("mlops.db.url", POSTGRES)),
      new Key("mlops.admin.token-file", Expects.FILE, "token", Map.of()),
      new Key("mlops.prometheus.password-file", Expects.FILE, "token", Map.of("mlops.prometheus.basic-user", "u")),
      new Key("mlops.prometheus.bearer-token-file", Expects.FILE, "token", Map.of()),
      new Key("mlops.mlflow.token-file", Expects.FILE, "token", Map.of("mlops.mlflow.url", "http://127.0.0.1:1")),
      new Key("mlops.retraining.secret-file", Expects.FILE, "token",
          Map.of("mlops.retraining.kind", "webhook", "mlops.retraining.url", "http://127.0.0.1:1/hook")));

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static FileArguments fx;
  private static ActorTestKit kit;

  @BeforeContainer
  static void lay() throws IOException {
    fx = new FileArguments();
    kit = ActorTestKit.create();
  }

  @AfterContainer
  static void clean() throws IOException {
    kit.shutdownTestKit();
    fx.delete();
  }

  @Property(tries = 250)
  void anUnusablePathIsAConfigProblemNamingTheKey(@ForAll("keys") Key key, @ForAll("kinds") Kind kind,
      @ForAll("salts") int salt) {
    String value = fx.value(kind, key.expects(), key.good(), salt);
    Expected expected = expected(key, kind);
    Throwable thrown = null;
    try {
      load(key, value);
    } catch (ConfigProblem e) {
      thrown = e;
      // A bad token read from the file is named as "mlops.admin.token (or token-file)": the stem will do.
      assertThat(e.getMessage()).as("%s = %s (%s)", key, value, kind).contains(key.key().replace("-file", ""));
    } catch (Throwable e) {
      throw new AssertionError("not a ConfigProblem for " + key + " = '" + value + "' (" + kind + "): " + e, e);
    }
    Statistics.collect(thrown == null ? "accepted" : "ConfigProblem naming the key");
    if (expected == Expected.REFUSE) {
      assertThat(thrown).as("%s = '%s' (%s) refused", key, value, kind).isNotNull();
    } else if (expected == Expected.ACCEPT) {
      assertThat(thrown).as("%s = '%s' (%s) accepted", key, value, kind).isNull();
    }
  }

  /**
   * Counterexamples found: a NUL in a path escaped as InvalidPathException, a file as the data
   * directory was only found by H2 with the daemon half started, /dev/zero as a token file was read
   * until memory ran out, and a missing policies file did not name its key.
   */
  @Example
  void theCounterexamplesFoundAreConfigProblemsNamingTheKey() {
    Map<Key, String> cases = Map.of(
        KEYS.get(0), fx.root + "/a\u0000b",
        new Key("mlops.data-dir", Expects.OUTPUT_DIR, "policies.conf", Map.of()), fx.root + "/policies.conf",
        KEYS.get(4), "/dev/zero",
        KEYS.get(3), fx.root + "/fifo",
        KEYS.get(1), fx.root + "/missing.conf");
    cases.forEach((key, value) -> assertThat(catchThrowableOfType(() -> load(key, value), ConfigProblem.class))
        .as("%s = %s", key, value).hasMessageContaining(key.key()));
  }

  /** Reads the key as the daemon would at start: the configuration, then the clients that read files. */
  private static void load(Key key, String value) {
    Map<String, Object> settings = new HashMap<>(key.beside());
    settings.put(key.key(), value);
    settings.putIfAbsent("mlops.db.url", "");
    settings.putIfAbsent("mlops.data-dir", fx.root.resolve("data").toString());
    AgentConfig config = AgentConfig.load(Optional.empty(), ConfigFactory.parseMap(settings));
    Config mlops = config.pekko().getConfig("mlops");
    if (key.key().startsWith("mlops.prometheus.")) {
      CircuitBreaker breaker = CircuitBreaker.create(kit.system().classicSystem().scheduler(), 3,
          Duration.ofSeconds(1), Duration.ofSeconds(1));
      new PrometheusMetricsSource(PrometheusSettings.fromConfig(mlops), HTTP, breaker);
    } else if (key.key().startsWith("mlops.mlflow.")) {
      MlflowSettings.fromConfig(mlops.getConfig("mlflow"));
    } else if (key.key().startsWith("mlops.retraining.")) {
      RetrainingTriggers.fromSettings(RetrainingSettings.fromConfig(mlops.getConfig("retraining")));
    }
  }

  enum Expected { ACCEPT, REFUSE, EITHER }

  private static Expected expected(Key key, Kind kind) {
    if (key.key().equals("mlops.mlflow.token-file")) {
      // Read on every request (a rotated token): only a value no path can have is refused at start.
      return kind == Kind.NUL ? Expected.REFUSE : Expected.EITHER;
    }
    if (key.key().equals("mlops.admin.token-file") && java.util.EnumSet.of(Kind.MISSING, Kind.SIBLING, Kind.LONG_NAME,
        Kind.LONG_PATH, Kind.UP_TO_ETC, Kind.LOOP).contains(kind)) {
      // An optional Secret not created yet: no token, changes refused, the agent still starts.
      return Expected.EITHER;
    }
    if (key.expects() == Expects.OUTPUT_DIR) {
      return switch (kind) {
        case PLAIN_FILE, SHADOW_LIKE, DEV_ZERO, FIFO, NUL, EMPTY -> Expected.REFUSE;
        case GOOD, INSIDE_VIA_DOTS, SIBLING, DIRECTORY -> Expected.ACCEPT;
        default -> Expected.EITHER; // created when the journal opens: whether it can be is not known yet
      };
    }
    return switch (kind) {
      case GOOD, INSIDE_VIA_DOTS -> Expected.ACCEPT;
      // Empty means no file for every optional key; other content is the key's own business.
      case EMPTY, PLAIN_FILE, SHADOW_LIKE -> Expected.EITHER;
      default -> Expected.REFUSE;
    };
  }

  @Provide
  Arbitrary<Key> keys() {
    return Arbitraries.of(KEYS);
  }

  @Provide
  Arbitrary<Kind> kinds() {
    return Arbitraries.of(Kind.values());
  }

  @Provide
  Arbitrary<Integer> salts() {
    return Arbitraries.integers().between(0, 1_000_000);
  }
}
