package io.mlopsagent.agent.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.agent.config.ConfigProblem;
import io.mlopsagent.persistence.DatabaseTarget;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Options every benchmark takes, and the agent configuration a benchmark runs with. */
final class BenchOptions {
  @Option(names = "--json", description = "Also print the figures as one JSON object, the last line of the output.")
  boolean json;

  @Option(names = "--config", paramLabel = "FILE",
      description = "HOCON file overriding the packaged configuration, e.g. to try journal or poller settings.")
  Path config;

  /**
   * The agent's configuration with the journal on {@code database} and the admin endpoint on a free
   * loopback port: whatever the environment says, a benchmark never touches a real journal.
   *
   * @param extra further settings the benchmark needs (key to value)
   */
  AgentConfig agentConfig(CommandSpec spec, DatabaseTarget database, Map<String, Object> extra) {
    Config c = ConfigFactory.parseMap(extra)
        .withValue("mlops.http.interface", ConfigValueFactory.fromAnyRef("127.0.0.1"))
        .withValue("mlops.http.port", ConfigValueFactory.fromAnyRef(0))
        .withValue("mlops.policies-file", ConfigValueFactory.fromAnyRef(""))
        .withValue("mlops.pushgateway.url", ConfigValueFactory.fromAnyRef(""));
    if (database instanceof DatabaseTarget.H2File h2) {
      c = c.withValue("mlops.db.url", ConfigValueFactory.fromAnyRef(""))
          .withValue("mlops.data-dir", ConfigValueFactory.fromAnyRef(h2.dataDir().toString()));
    } else {
      c = c.withValue("mlops.db.url", ConfigValueFactory.fromAnyRef(database.jdbcUrl()))
          .withValue("mlops.db.user", ConfigValueFactory.fromAnyRef(database.user()))
          .withValue("mlops.db.password", ConfigValueFactory.fromAnyRef(database.password()))
          .withValue("mlops.db.user-file", ConfigValueFactory.fromAnyRef(""))
          .withValue("mlops.db.password-file", ConfigValueFactory.fromAnyRef(""));
    }
    try {
      return AgentConfig.load(Optional.ofNullable(config), c);
    } catch (ConfigProblem e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}
