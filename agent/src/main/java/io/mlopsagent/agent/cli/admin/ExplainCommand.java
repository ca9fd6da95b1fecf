package io.mlopsagent.agent.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsagent.agent.cli.OptionRange;
import io.mlopsagent.agent.cli.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mlops-agent explain MODEL}: the model's last decisions, told in plain words. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Tell in plain words what the agent last decided for a model, and why.",
      "",
      "One paragraph per decision, newest first: when, what (\"started a",
      "canary rollout of version 7\", \"scaled out from 2 to 4 replicas\"), why,",
      "and the numbers the rule looked at (value, baseline, threshold,",
      "surprise). --json prints the agent's JSON instead."
    },
    footer = ExitCodes.FOOTER)
public final class ExplainCommand extends AdminCommand {
  @Parameters(index = "0", paramLabel = "MODEL", description = "The model's name.")
  String model;

  @Option(names = "--last", paramLabel = "N", defaultValue = "5",
      description = "How many decisions, 1 to 100 (default: 5).")
  Integer last;

  @Override
  int execute(AdminClient client) {
    OptionRange.check(spec, "--last", last, 1, 100);
    String name = modelName(model);
    JsonNode page = client.get("/api/models/" + name + "/decisions?limit=" + last);
    if (admin.json()) {
      printJson(client, page);
      return ExitCodes.OK;
    }
    JsonNode items = page.path("items");
    if (items.isEmpty()) {
      out().println(name + ": no decisions recorded yet");
    } else {
      long total = page.path("total").asLong(items.size());
      out().println(name + ": the last " + (items.size() == 1 ? "decision" : items.size() + " decisions")
          + " of " + total + ", newest first");
      for (JsonNode d : items) {
        out().println();
        DecisionWords.paragraph(d).forEach(out()::println);
      }
    }
    out().flush();
    return ExitCodes.OK;
  }
}
