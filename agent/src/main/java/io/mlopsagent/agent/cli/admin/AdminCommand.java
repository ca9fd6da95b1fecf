package io.mlopsagent.agent.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsagent.actors.model.ModelName;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command calling the admin API shares: the connection options, and turning an
 * {@link AdminFailure} into its exit code with the message on stderr. Main's handler would exit 1
 * for any exception; scripts need to tell "not found" from "refused" from "down".
 */
abstract class AdminCommand implements Callable<Integer> {
  /** The API's limit on a mutation's reason. */
  static final int MAX_REASON = 500;

  @Spec CommandSpec spec;

  @Mixin AdminOptions admin = new AdminOptions();

  @Override
  public final Integer call() {
    AdminClient client = admin.client(spec);
    try {
      return execute(client);
    } catch (AdminFailure e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("error: " + e.getMessage());
      err.flush();
      return e.exitCode();
    }
  }

  /** Runs the command with a client whose options are all valid; answers the exit code. */
  abstract int execute(AdminClient client);

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Prints the agent's answer as indented JSON (--json). */
  void printJson(AdminClient client, JsonNode node) {
    out().println(client.pretty(node));
    out().flush();
  }

  /**
   * Checks a model name before it goes into a URL path: the agent's own rule, so a name it would
   * refuse is a usage error here, and nothing like {@code ../fleet} can reach another endpoint.
   */
  String modelName(String value) {
    if (!ModelName.isValid(value)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for parameter 'MODEL': " + ModelName.problem(value));
    }
    return value;
  }

  /** Checks a --reason against the API's limit, so the agent's refusal does not cost a round trip. */
  String reason(String value) {
    if (value != null && value.length() > MAX_REASON) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--reason': "
          + value.length() + " characters: expected at most " + MAX_REASON);
    }
    return value;
  }
}
