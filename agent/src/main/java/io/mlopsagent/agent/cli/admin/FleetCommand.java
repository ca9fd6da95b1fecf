package io.mlopsagent.agent.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsagent.agent.cli.VersionProvider;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlops-agent fleet pause|resume}: the kill switch for every model at once. */
@Command(
    name = "fleet",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "The kill switch: pause or resume the agent for every model at once.",
    subcommands = {FleetCommand.Pause.class, FleetCommand.Resume.class},
    footer = ExitCodes.FOOTER)
public final class FleetCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: pause or resume");
  }

  /** POST /api/fleet/{verb}; both answer {@code {"paused","by","reason","at"}}. */
  abstract static class Switch extends AdminCommand {
    @Option(names = "--reason", paramLabel = "TEXT",
        description = "Why, for the agent's audit trail (up to " + MAX_REASON + " characters).")
    String reason;

    abstract String verb();

    @Override
    final int execute(AdminClient client) {
      String why = reason(reason);
      JsonNode answer = client.post("/api/fleet/" + verb(), why == null ? Map.of() : Map.of("reason", why));
      if (admin.json()) {
        printJson(client, answer);
        return ExitCodes.OK;
      }
      boolean paused = answer.path("paused").asBoolean(verb().equals("pause"));
      out().println((paused ? "fleet paused" : "fleet resumed") + ModelActions.ModelAction.byAtWhy(answer));
      if (paused) {
        out().println("The agent keeps observing every model and takes no new action anywhere until:"
            + " mlops-agent fleet resume");
      }
      out().flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "pause", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {
        "Pause the agent for every model: it observes but takes no action.",
        "",
        "The agent keeps observing and journaling every model, and takes no new",
        "action for any of them until the fleet is resumed."
      },
      footer = ExitCodes.FOOTER)
  public static final class Pause extends Switch {
    @Override
    String verb() {
      return "pause";
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Let the agent act for the fleet again.",
      footer = ExitCodes.FOOTER)
  public static final class Resume extends Switch {
    @Override
    String verb() {
      return "resume";
    }
  }
}
