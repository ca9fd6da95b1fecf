package io.mlopsagent.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsagent.actors.agent.DeploymentRequest;
import io.mlopsagent.actors.rollout.Strategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code POST /api/models/{name}/deployments}, checked field by field: each problem
 * names the field, the value and what is allowed.
 */
final class DeploymentBody {
  private static final Set<String> FIELDS = Set.of("version", "environment", "strategy", "reason");

  private DeploymentBody() {}

  static DeploymentRequest parse(JsonNode body, String who, List<String> environments, Instant at) {
    List<String> unknown = new ArrayList<>();
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        unknown.add(AdminDirectives.shown(f));
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown field(s) " + unknown + ": expected version, environment, strategy"
          + " and reason");
    }
    String version = text(body, "version");
    if (version == null || !version.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("field 'version' = " + shownOrMissing(version)
          + ": expected a registry version of 1 to 64 letters, digits, '.', '_' or '-'");
    }
    String environment = text(body, "environment");
    if (environment == null || !environments.contains(environment)) {
      throw new IllegalArgumentException("field 'environment' = " + shownOrMissing(environment)
          + ": expected one of the environments this agent manages " + environments);
    }
    String strategy = text(body, "strategy");
    Strategy chosen = null;
    if (strategy != null) {
      chosen = switch (strategy) {
        case "canary" -> Strategy.CANARY;
        case "blue-green" -> Strategy.BLUE_GREEN;
        case "rolling" -> Strategy.ROLLING;
        default -> throw new IllegalArgumentException("field 'strategy' = '" + AdminDirectives.shown(strategy)
            + "': expected canary, blue-green or rolling (or no strategy, to let the agent choose)");
      };
    }
    return new DeploymentRequest(version, environment, chosen, who, OperatorRoutes.reason(body), at);
  }

  private static String text(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "' must be a string, was " + n.getNodeType()
          .name().toLowerCase(java.util.Locale.ROOT));
    }
    return n.asText();
  }

  private static String shownOrMissing(String v) {
    return v == null ? "missing" : "'" + AdminDirectives.shown(v) + "'";
  }
}
