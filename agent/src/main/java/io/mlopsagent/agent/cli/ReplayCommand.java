package io.mlopsagent.agent.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mlopsagent.actors.agent.ModelAgentSettings;
import io.mlopsagent.actors.policy.ModelGlob;
import io.mlopsagent.actors.policy.PolicyBook;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.agent.config.ConfigProblem;
import io.mlopsagent.agent.config.PolicySource;
import io.mlopsagent.agent.replay.Replay;
import io.mlopsagent.agent.replay.ReplayFiles;
import io.mlopsagent.agent.replay.ReplayReport;
import io.mlopsagent.persistence.DatabaseTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlops-agent replay}: a candidate policy tried on the agent's own recorded history. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Try a candidate policy on the agent's own recorded history.",
      "",
      "Feeds each model's recorded windows through the policy file in virtual",
      "time and shows which decisions would change, and the numbers both ways.",
      "Reads the journal only: nothing is written to it, nothing is acted on.",
      "The candidate's actions have no effect on the recorded metrics (see",
      "docs/REPLAY.md)."
    })
public final class ReplayCommand implements Callable<Integer> {
  private static final String JOURNAL_FILE = "mlops-journal.mv.db";

  @Spec CommandLine.Model.CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Journal journal;

  /** Exactly one journal: an H2 file or a PostgreSQL database. */
  static final class Journal {
    @Option(names = "--data", paramLabel = "DIR", required = true,
        description = "Directory of an H2 journal, as demo or run --data DIR leave it.")
    Path data;

    @Option(names = "--db-url", paramLabel = "URL", required = true,
        description = "PostgreSQL JDBC URL of a shared journal. User and password from $MLOPS_DB_USER /"
            + " $MLOPS_DB_PASSWORD or the *_FILE variants, as for run.")
    String dbUrl;
  }

  @Option(names = "--policy", paramLabel = "FILE", required = true,
      description = "Candidate policies, shaped as conf/policies.conf; keys it leaves out come from there.")
  Path policy;

  @Option(names = "--models", paramLabel = "GLOB", defaultValue = "*",
      description = "Models to replay: * any run of characters, ? one (default: all).")
  String models;

  @Option(names = "--from", paramLabel = "T", converter = InstantConverter.class,
      description = "First observation time replayed, ISO-8601 (e.g. 2026-11-27T14:00:00Z); earlier windows"
          + " only teach the candidate's detectors. Default: the start of the recording.")
  Instant from;

  @Option(names = "--to", paramLabel = "T", converter = InstantConverter.class,
      description = "Last observation time replayed, ISO-8601. Default: the end of the recording.")
  Instant to;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Also write replay.json and replay.txt into this directory (created if missing).")
  Path out;

  @Option(names = "--tolerance", paramLabel = "N", defaultValue = "3",
      description = "Windows two decisions of the same kind may be apart and still count as the same (default: 3).")
  int tolerance;

  @Override
  public Integer call() throws IOException {
    if (!ModelGlob.isValid(models)) {
      throw invalid("--models", "'" + models + "'", "expected " + ModelGlob.RULE);
    }
    if (from != null && to != null && from.isAfter(to)) {
      throw invalid("--from", from + " is after --to " + to, "expected an instant before --to");
    }
    if (tolerance < 0 || tolerance > 1000) {
      throw invalid("--tolerance", tolerance + " is out of range", "expected 0 to 1000");
    }
    Path policyFile = plainFile("--policy", policy);
    AgentConfig config = config();
    PolicyBook candidate;
    try {
      candidate = PolicySource.fromFile(policyFile, config.pekko()).current();
    } catch (ConfigProblem e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for option '--policy': " + e.getMessage());
    }
    // Created only once every other option is known good.
    Path outDir = out == null ? null : outDir(out);
    ReplayReport report = Replay.run(new Replay.Settings(config.database(), config.connectTimeout(), candidate,
        policyFile, new ModelGlob(models), from, to, tolerance,
        ModelAgentSettings.fromConfig(config.pekko().getConfig("mlops.agent")).summaryWindows()));
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.print(ReplayFiles.text(report));
    if (outDir != null) {
      for (Path written : ReplayFiles.write(report, outDir)) {
        stdout.println("wrote " + written);
      }
    }
    stdout.flush();
    return 0;
  }

  /** The packaged configuration with the journal asked for; the environment's policies file is not used. */
  private AgentConfig config() {
    Config overrides;
    if (journal.data != null) {
      overrides = ConfigFactory.parseMap(Map.of("mlops.data-dir", journalDir(journal.data).toString(),
          "mlops.db.url", "", "mlops.policies-file", ""));
    } else {
      if (!journal.dbUrl.startsWith("jdbc:postgresql:")) {
        throw invalid("--db-url", "'" + journal.dbUrl + "'", "expected jdbc:postgresql://HOST:PORT/DB");
      }
      overrides = ConfigFactory.parseMap(Map.of("mlops.db.url", journal.dbUrl, "mlops.policies-file", ""));
    }
    try {
      return AgentConfig.load(Optional.empty(), overrides);
    } catch (ConfigProblem e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /** An existing directory holding an H2 journal, resolved (links and {@code ..}) to where it really is. */
  private Path journalDir(Path dir) {
    Path real = real("--data", dir);
    if (!Files.isDirectory(real)) {
      throw invalid("--data", shown(dir, real) + " is not a directory", "expected the directory of an H2 journal");
    }
    if (!Files.isRegularFile(real.resolve(JOURNAL_FILE))) {
      throw invalid("--data", shown(dir, real) + " holds no journal (no " + JOURNAL_FILE + ")",
          "expected a directory that demo or run --data DIR has written");
    }
    return real;
  }

  private Path plainFile(String option, Path file) {
    Path real = real(option, file);
    if (!Files.isRegularFile(real) || !Files.isReadable(real)) {
      throw invalid(option, shown(file, real) + " is not a readable plain file", "expected a policies file");
    }
    return real;
  }

  /** The output directory, created if missing (its parent must exist), resolved. */
  private Path outDir(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    if (!Files.exists(absolute)) {
      Path parent = absolute.getParent();
      if (parent == null || !Files.isDirectory(parent)) {
        throw invalid("--out", "'" + dir + "' (resolved: " + absolute + ") has no existing parent directory",
            "expected a directory, or a new one inside an existing directory");
      }
      try {
        Files.createDirectory(absolute);
      } catch (IOException e) {
        throw invalid("--out", "'" + dir + "' cannot be created (" + e.getMessage() + ")", "expected a writable place");
      }
    }
    Path real = real("--out", dir);
    if (!Files.isDirectory(real) || !Files.isWritable(real)) {
      throw invalid("--out", shown(dir, real) + " is not a writable directory", "expected a directory to write into");
    }
    return real;
  }

  private Path real(String option, Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      throw invalid(option, "'" + path + "' (resolved: " + path.toAbsolutePath().normalize() + ") does not exist",
          "expected an existing path");
    }
  }

  private static String shown(Path given, Path real) {
    return given.toString().equals(real.toString()) ? "'" + given + "'" : "'" + given + "' (resolved: " + real + ")";
  }

  private CommandLine.ParameterException invalid(String option, String what, String allowed) {
    return new CommandLine.ParameterException(spec.commandLine(),
        "Invalid value for option '" + option + "': " + what + ": " + allowed);
  }

  /** ISO-8601 instants, with the rule in the message when one does not parse. */
  static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return Instant.parse(value.trim());
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not an ISO-8601 instant: expected e.g. 2026-11-27T14:00:00Z");
      }
    }
  }
}
