package io.mlopsagent.agent.http.dashboard;

import static io.mlopsagent.agent.http.dashboard.Html.esc;
import static io.mlopsagent.agent.http.dashboard.Html.show;
import static io.mlopsagent.agent.http.dashboard.Html.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** The fleet overview: counts by state, the models, the rollouts in flight and the latest decisions. */
final class FleetPage {
  static final List<String> STATES = List.of("healthy", "degraded", "rolling_out", "paused", "warming_up");

  private FleetPage() {}

  /**
   * @param fleet {@code GET /api/fleet}
   * @param models {@code GET /api/models}
   * @param decisions {@code GET /api/decisions}
   */
  static String render(JsonNode fleet, JsonNode models, JsonNode decisions, Instant now, int refreshSeconds) {
    StringBuilder body = new StringBuilder(16384);
    body.append("<h1>Fleet</h1>\n<p class=\"muted\">").append(Html.integer(fleet, "models", 0))
        .append(" models observed; page rendered ").append(Html.time(now.toString()))
        .append(refreshSeconds > 0 ? ", refreshes every " + refreshSeconds + " s" : "").append(".</p>\n");
    pausedBanner(body, fleet);
    counts(body, fleet);
    modelsTable(body, models);
    rollouts(body, fleet.path("rolloutsInFlight"));
    recentDecisions(body, decisions);
    return Html.page("mlops-agent fleet", refreshSeconds, body.toString());
  }

  static void pausedBanner(StringBuilder body, JsonNode fleet) {
    if (!Html.flag(fleet, "paused")) {
      return;
    }
    body.append("<div class=\"banner paused\" id=\"fleet-paused\"><strong>Fleet paused</strong>")
        .append(" by ").append(show(fleet, "pausedBy")).append(" at ").append(Html.time(text(fleet, "pausedAt")))
        .append(": the agent keeps observing and takes no new action on any model.");
    String reason = text(fleet, "pausedReason");
    if (reason != null && !reason.isEmpty()) {
      body.append(" Reason: <span class=\"reason\">").append(esc(reason)).append("</span>");
    }
    body.append("</div>\n");
  }

  private static void counts(StringBuilder body, JsonNode fleet) {
    JsonNode byState = fleet.path("byState");
    body.append("<section id=\"fleet-counts\">");
    for (String state : STATES) {
      body.append("<div class=\"tile state-").append(state).append("\" data-state=\"").append(state)
          .append("\"><span class=\"count\">").append(Html.integer(byState, state, 0))
          .append("</span><span class=\"label\">").append(state.replace('_', ' ')).append("</span></div>");
    }
    body.append("</section>\n");
  }

  private static void modelsTable(StringBuilder body, JsonNode page) {
    JsonNode items = page.path("items");
    int total = Html.integer(page, "total", items.size());
    body.append("<h2>Models</h2>\n");
    if (items.isEmpty()) {
      body.append("<p class=\"muted\" id=\"models-empty\">No model observed yet.</p>\n");
      return;
    }
    if (total > items.size()) {
      body.append("<p class=\"muted\">Showing ").append(items.size()).append(" of ").append(total)
          .append(" models.</p>\n");
    }
    body.append("<table id=\"models-table\"><thead><tr><th>Model</th><th>State</th><th>Policy</th>");
    for (Metric m : Metric.values()) {
      if (m != Metric.THROUGHPUT && m != Metric.CPU) {
        body.append("<th>").append(m.title()).append("</th>");
      }
    }
    body.append("<th>Latest window</th></tr></thead><tbody>\n");
    for (JsonNode item : items) {
      String name = text(item, "name");
      JsonNode latest = item.path("latest");
      body.append("<tr class=\"model-row\" data-model=\"").append(esc(name)).append("\"><td>")
          .append(modelLink(name)).append("</td><td>").append(Html.state(text(item, "state")));
      if (Html.flag(item, "paused") && !"paused".equals(text(item, "state"))) {
        body.append(" <span class=\"badge state-paused\">paused</span>");
      }
      body.append("</td><td>").append(policy(item.get("policy"))).append("</td>")
          .append("<td class=\"num\">").append(Html.metric(latest, Metric.ACCURACY)).append("</td>")
          .append("<td class=\"num\">").append(Html.metric(latest, Metric.LATENCY_P95)).append("</td>")
          .append("<td class=\"num\">").append(Html.metric(latest, Metric.ERROR_RATE)).append("</td>")
          .append("<td>").append(Html.time(text(latest, "at"))).append("</td></tr>\n");
    }
    body.append("</tbody></table>\n");
  }

  private static void rollouts(StringBuilder body, JsonNode inFlight) {
    body.append("<h2>Rollouts in flight</h2>\n");
    if (!inFlight.isArray() || inFlight.isEmpty()) {
      body.append("<p class=\"muted\" id=\"rollouts-empty\">No rollout in flight.</p>\n");
      return;
    }
    body.append("<table id=\"rollouts\"><thead><tr><th>Model</th><th>Version</th><th>Strategy</th><th>Step</th>")
        .append("<th>Weight</th><th>Status</th><th>Started</th></tr></thead><tbody>\n");
    for (JsonNode r : inFlight) {
      body.append("<tr class=\"rollout-row\" data-model=\"").append(esc(text(r, "model"))).append("\"><td>")
          .append(modelLink(text(r, "model"))).append("</td><td>").append(show(r, "fromVersion")).append(" &rarr; ")
          .append(show(r, "toVersion")).append("</td><td>").append(show(r, "strategy")).append("</td><td class=\"num\">")
          .append(show(r, "step")).append("</td><td class=\"num\">").append(show(r, "weight")).append("%</td><td>")
          .append(words(text(r, "status")));
      String verdict = text(r, "verdict");
      if (verdict != null) {
        body.append(" (").append(esc(verdict)).append(')');
      }
      body.append("</td><td>").append(Html.time(text(r, "startedAt"))).append("</td></tr>\n");
    }
    body.append("</tbody></table>\n");
  }

  private static void recentDecisions(StringBuilder body, JsonNode page) {
    JsonNode items = page.path("items");
    body.append("<h2>Recent decisions</h2>\n");
    if (items.isEmpty()) {
      body.append("<p class=\"muted\" id=\"decisions-empty\">No decision yet.</p>\n");
      return;
    }
    body.append("<table id=\"recent-decisions\"><thead><tr><th>Time</th><th>Model</th><th>Decision</th>")
        .append("<th>Reason</th></tr></thead><tbody>\n");
    for (JsonNode d : items) {
      body.append("<tr class=\"decision type-").append(cssWord(text(d, "type"))).append("\"><td>")
          .append(Html.time(text(d, "at"))).append("</td><td>").append(modelLink(text(d, "model"))).append("</td><td>")
          .append(esc(Html.decisionWords(text(d, "type")))).append("</td><td class=\"reason\">").append(show(d, "reason"))
          .append("</td></tr>\n");
    }
    body.append("</tbody></table>\n");
  }

  /** A link to the model's page; the name is encoded for the URL and escaped for the text. */
  static String modelLink(String name) {
    if (name == null) {
      return Html.DASH;
    }
    String href = "/models/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    return "<a class=\"model-link\" href=\"" + esc(href) + "\">" + esc(name) + "</a>";
  }

  /** A policy as {@code name (mode)}: a string in the models list, an object in a status. */
  static String policy(JsonNode policy) {
    if (policy == null || policy.isNull()) {
      return Html.DASH;
    }
    if (policy.isTextual()) {
      return esc(policy.asText());
    }
    String mode = text(policy, "mode");
    return show(policy, "name") + (mode == null ? "" : " <span class=\"muted\">(" + esc(mode) + ")</span>");
  }

  /** A status word as text: {@code in_progress} reads "in progress". */
  static String words(String status) {
    return status == null ? Html.DASH : esc(status.replace('_', ' '));
  }

  /** A word fit for a class name, so a strange type cannot break out of the attribute or the style. */
  static String cssWord(String word) {
    return word != null && word.matches("[a-z0-9_]{1,40}") ? word : "other";
  }
}
