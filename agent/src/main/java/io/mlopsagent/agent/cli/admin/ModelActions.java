package io.mlopsagent.agent.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsagent.agent.cli.VersionProvider;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The operator's actions on one model: pause, resume, promote, abort, rollback. Each is a POST to
 * {@code /api/models/{name}/{verb}} with the optional reason, which the agent keeps in its audit
 * trail with who acted.
 */
public final class ModelActions {
  private ModelActions() {}

  /** One model, one verb; subclasses say which and how the answer reads. */
  abstract static class ModelAction extends AdminCommand {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The model's name.")
    String model;

    @Option(names = "--reason", paramLabel = "TEXT",
        description = "Why, for the agent's audit trail (up to " + MAX_REASON + " characters).")
    String reason;

    abstract String verb();

    /** The outcome in a sentence, from the agent's answer. */
    abstract String outcome(JsonNode answer);

    @Override
    final int execute(AdminClient client) {
      String name = modelName(model);
      String why = reason(reason);
      JsonNode answer = client.post("/api/models/" + name + "/" + verb(),
          why == null ? Map.of() : Map.of("reason", why));
      if (admin.json()) {
        printJson(client, answer);
      } else {
        out().println(outcome(answer));
        out().flush();
      }
      return ExitCodes.OK;
    }

    String modelIn(JsonNode answer) {
      String name = Text.text(answer.path("model"));
      return name.equals(Text.NONE) ? model : name;
    }

    /** "by cli:alice at 2026-11-27 14:05:00 UTC: the reason", from a pause or resume answer. */
    static String byAtWhy(JsonNode answer) {
      StringBuilder s = new StringBuilder();
      if (!Text.text(answer.path("by")).equals(Text.NONE)) {
        s.append(" by ").append(Text.text(answer.path("by")));
      }
      if (!Text.text(answer.path("at")).equals(Text.NONE)) {
        s.append(" at ").append(Text.time(answer.path("at")));
      }
      if (!Text.text(answer.path("reason")).equals(Text.NONE)) {
        s.append(": ").append(Text.text(answer.path("reason")));
      }
      return s.toString();
    }
  }

  @Command(name = "pause", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {
        "Pause the agent for one model: it observes but takes no new action.",
        "",
        "The agent keeps observing and journaling the model but starts no",
        "rollout, scaling, retraining or rollback for it until it is resumed.",
        "A rollout already running goes on under its analysis: abort it to stop it."
      },
      footer = ExitCodes.FOOTER)
  public static final class Pause extends ModelAction {
    @Override
    String verb() {
      return "pause";
    }

    @Override
    String outcome(JsonNode a) {
      return modelIn(a) + " paused" + byAtWhy(a) + System.lineSeparator()
          + "The agent keeps observing it and takes no new action for it until: mlops-agent resume "
          + modelIn(a);
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Let the agent act for a paused model again.", footer = ExitCodes.FOOTER)
  public static final class Resume extends ModelAction {
    @Override
    String verb() {
      return "resume";
    }

    @Override
    String outcome(JsonNode a) {
      return modelIn(a) + " resumed" + byAtWhy(a);
    }
  }

  @Command(name = "promote", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {
        "Pass the rollout step paused on an inconclusive analysis.",
        "",
        "Refused (exit 5) when the model has no rollout or it is not paused."
      },
      footer = ExitCodes.FOOTER)
  public static final class Promote extends ModelAction {
    @Override
    String verb() {
      return "promote";
    }

    @Override
    String outcome(JsonNode a) {
      return modelIn(a) + ": step passed, the rollout is now " + Text.text(a.path("rollout"));
    }
  }

  @Command(name = "abort", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {
        "Abort the model's rollout: all traffic back to the stable version.",
        "",
        "Refused (exit 5) when no rollout is in progress."
      },
      footer = ExitCodes.FOOTER)
  public static final class Abort extends ModelAction {
    @Override
    String verb() {
      return "abort";
    }

    @Override
    String outcome(JsonNode a) {
      return modelIn(a) + ": the rollout is now " + Text.text(a.path("rollout"));
    }
  }

  @Command(name = "rollback", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {
        "Roll the model back to the version it served before.",
        "",
        "Refused (exit 5) when there is no previous version."
      },
      footer = ExitCodes.FOOTER)
  public static final class Rollback extends ModelAction {
    @Override
    String verb() {
      return "rollback";
    }

    @Override
    String outcome(JsonNode a) {
      return modelIn(a) + " rolled back from version " + Text.text(a.path("fromVersion")) + " to version "
          + Text.text(a.path("toVersion"));
    }
  }
}
