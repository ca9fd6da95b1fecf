package io.mlopsagent.agent.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where configuration and the journal come from: shared by every command that runs the daemon. */
public final class StoreOptions {
  @Option(names = "--config", paramLabel = "FILE",
      description = "HOCON file whose settings override the packaged defaults (see conf/).")
  Path config;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Directory of the embedded H2 journal (default: ./data, or $MLOPS_DATA_DIR).")
  Path data;

  @Option(names = "--db-url", paramLabel = "URL",
      description = "PostgreSQL JDBC URL of a shared journal (default: $MLOPS_DB_URL; none = H2 file)."
          + " User and password from $MLOPS_DB_USER / $MLOPS_DB_PASSWORD or the *_FILE variants.")
  String dbUrl;

  @Option(names = "--policies", paramLabel = "FILE",
      description = "Policies file, read again when it changes (default: $MLOPS_POLICIES_FILE; none = conf/policies.conf).")
  Path policies;

  public Optional<Path> configFile() {
    return Optional.ofNullable(config);
  }

  /** The flags given, as a config layer that wins over files and environment. */
  public Config overrides() {
    Config c = ConfigFactory.empty();
    if (data != null) {
      c = c.withValue("mlops.data-dir", ConfigValueFactory.fromAnyRef(data.toString()));
    }
    if (policies != null) {
      c = c.withValue("mlops.policies-file", ConfigValueFactory.fromAnyRef(policies.toString()));
    }
    if (dbUrl != null) {
      c = c.withValue("mlops.db.url", ConfigValueFactory.fromAnyRef(dbUrl));
    }
    return c;
  }
}
