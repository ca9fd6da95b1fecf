package io.mlopsagent.agent.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlopsagent.agent.cli.VersionProvider;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mlops-agent status [MODEL]}: the fleet at a glance, or one model in detail. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Show the fleet, or one model, as a running agent sees it.",
      "",
      "Without MODEL: a line counting the models by state (and FLEET PAUSED",
      "when the kill switch is on), then one row per model. With MODEL: its",
      "state, policy, latest metrics, workload and rollout.",
      "",
      "--json prints the agent's JSON instead; for the fleet, an object with",
      "\"fleet\" and \"models\" (every page of models in one list)."
    },
    footer = ExitCodes.FOOTER)
public final class StatusCommand extends AdminCommand {
  /** The page size asked for; the agent's default and limit. */
  private static final int PAGE = 100;

  @Parameters(arity = "0..1", paramLabel = "MODEL", description = "A model's name (default: the whole fleet).")
  String model;

  @Override
  int execute(AdminClient client) {
    return model == null ? fleet(client) : model(client, modelName(model));
  }

  private int fleet(AdminClient client) {
    JsonNode fleet = client.get("/api/fleet");
    List<JsonNode> models = allModels(client);
    if (admin.json()) {
      ObjectNode both = client.json().createObjectNode();
      both.set("fleet", fleet);
      both.putArray("models").addAll(models);
      printJson(client, both);
      return ExitCodes.OK;
    }
    out().println(StatusText.fleetSummary(fleet));
    if (models.isEmpty()) {
      out().println("no models observed yet");
    } else {
      StatusText.fleetTable(fleet, models).forEach(out()::println);
    }
    out().flush();
    return ExitCodes.OK;
  }

  /** Every page of {@code /api/models}, in the agent's order. */
  private static List<JsonNode> allModels(AdminClient client) {
    List<JsonNode> models = new ArrayList<>();
    int offset = 0;
    while (true) {
      JsonNode page = client.get("/api/models?offset=" + offset + "&limit=" + PAGE);
      JsonNode items = page.path("items");
      items.forEach(models::add);
      offset += items.size();
      // An empty page ends it too: the fleet can shrink between two pages, and a server that
      // miscounts must not keep us asking forever.
      if (items.isEmpty() || offset >= page.path("total").asLong(0)) {
        return models;
      }
    }
  }

  private int model(AdminClient client, String name) {
    JsonNode status = client.get("/api/models/" + name);
    if (admin.json()) {
      printJson(client, status);
    } else {
      StatusText.model(status).forEach(out()::println);
      out().flush();
    }
    return ExitCodes.OK;
  }
}
