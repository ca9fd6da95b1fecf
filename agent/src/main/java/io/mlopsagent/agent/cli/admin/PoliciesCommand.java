package io.mlopsagent.agent.cli.admin;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.mlopsagent.actors.hocon.HoconText;
import io.mlopsagent.actors.policy.Policy;
import io.mlopsagent.actors.policy.PolicyBook;
import io.mlopsagent.actors.policy.PolicyLoader;
import io.mlopsagent.actors.policy.PolicyOverride;
import io.mlopsagent.actors.policy.PolicyProblem;
import io.mlopsagent.agent.cli.VersionProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlops-agent policies check FILE}: a policies file judged as the agent would, offline. */
@Command(
    name = "policies",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Work with policies files (see docs/POLICIES.md).",
    subcommands = {PoliciesCommand.Check.class})
public final class PoliciesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: check");
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = {
        "Check a policies file with the agent's own rules, without an agent.",
        "",
        "Keys the file leaves out come from the packaged conf/policies.conf, as",
        "when the agent loads it. Prints \"ok: N policies (names)\", or every",
        "problem as: path = value: what is allowed."
      },
      footer = {"%nExit codes:%n"
          + "  0  the file is valid%n"
          + "  2  bad command line, or FILE is missing, unreadable or not a plain file%n"
          + "  5  the agent would refuse the file: every problem is listed on stderr%n"
          + "See docs/CLI.md."})
  public static final class Check implements Callable<Integer> {
    /** A policies file is a few KiB; a far larger one is a mistake (a log, a data file). */
    private static final long MAX_SIZE = 1024 * 1024;

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The policies file (HOCON), e.g. conf/policies.conf.")
    String file;

    @Override
    public Integer call() {
      Path real = plainFile();
      List<String> problems = new ArrayList<>();
      PolicyBook book = load(real, problems);
      if (book == null) {
        PrintWriter err = spec.commandLine().getErr();
        String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
        err.println("error: policies file '" + file + "' refused, " + count + ":");
        problems.forEach(p -> err.println("  " + Text.clean(p)));
        err.flush();
        return ExitCodes.REFUSED;
      }
      List<String> names = new ArrayList<>();
      names.add(book.defaultPolicy().name());
      book.overrides().stream().map(PolicyOverride::policy).map(Policy::name).forEach(names::add);
      PrintWriter out = spec.commandLine().getOut();
      out.println("ok: " + names.size() + (names.size() == 1 ? " policy (" : " policies (")
          + String.join(", ", names) + ")");
      out.flush();
      return ExitCodes.OK;
    }

    /** The book, or null with {@code problems} saying why; the file's keys over the packaged ones. */
    private PolicyBook load(Path real, List<String> problems) {
      Config own;
      try {
        own = HoconText.guarded(() ->
            ConfigFactory.parseFile(real.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)));
      } catch (ConfigException e) {
        problems.add("cannot be parsed: " + e.getMessage());
        return null;
      }
      if (!own.hasPathOrNull("policies")) {
        // The agent would take such a file for "no changes": almost always the wrong file.
        problems.add("it has no policies { ... } section: expected a file shaped as conf/policies.conf");
        return null;
      }
      Config packaged = ConfigFactory.parseResources(PoliciesCommand.class.getClassLoader(), "policies.conf");
      try {
        return PolicyLoader.load(HoconText.guarded(() -> own.withFallback(packaged).resolve()));
      } catch (PolicyProblem e) {
        problems.addAll(e.problems());
      } catch (ConfigException e) {
        // An unresolved ${...}, say: the loader never gets to see the values.
        problems.add("cannot be resolved: " + e.getMessage());
      }
      return null;
    }

    /** The file, resolved through links, if it is a readable plain file of a sane size; else exit 2. */
    private Path plainFile() {
      Path real;
      try {
        real = Path.of(file).toRealPath();
      } catch (InvalidPathException e) {
        throw bad("is not a file name (" + e.getReason() + ")");
      } catch (IOException e) {
        throw bad("does not exist (resolved: " + absolute() + ")");
      }
      if (!Files.isRegularFile(real) || !Files.isReadable(real)) {
        throw bad("(resolved: " + real + ") is not a readable plain file");
      }
      try {
        if (Files.size(real) > MAX_SIZE) {
          throw bad("is larger than 1 MiB");
        }
      } catch (IOException e) {
        throw bad("cannot be read (" + e.getClass().getSimpleName() + ")");
      }
      return real;
    }

    private String absolute() {
      try {
        return Path.of(file).toAbsolutePath().normalize().toString();
      } catch (InvalidPathException e) {
        return file;
      }
    }

    private CommandLine.ParameterException bad(String why) {
      return new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for parameter 'FILE': '" + Text.clean(file) + "' " + why + ": expected a policies file");
    }
  }
}
