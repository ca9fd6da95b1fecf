package io.mlopsagent.agent.http.dashboard;

import static io.mlopsagent.agent.http.dashboard.Html.esc;
import static io.mlopsagent.agent.http.dashboard.Html.show;
import static io.mlopsagent.agent.http.dashboard.Html.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One model: its state and workload, a chart per metric, its rollout and its decisions. */
final class ModelPage {
  private ModelPage() {}

  /**
   * @param status {@code GET /api/models/{name}}
   * @param history {@code GET /api/models/{name}/history}
   * @param decisions {@code GET /api/models/{name}/decisions}
   * @param fleet {@code GET /api/fleet}, for the fleet-wide pause
   */
  static String render(JsonNode status, JsonNode history, JsonNode decisions, JsonNode fleet, Instant now,
      int refreshSeconds) {
    String name = text(status, "name");
    StringBuilder body = new StringBuilder(32768);
    FleetPage.pausedBanner(body, fleet);
    header(body, status, now);
    charts(body, history);
    rollout(body, status.get("rollout"));
    timeline(body, decisions);
    return Html.page(name + " \u2014 mlops-agent", refreshSeconds, body.toString());
  }

  private static void header(StringBuilder body, JsonNode s, Instant now) {
    body.append("<section class=\"card\" id=\"model-header\" data-model=\"").append(esc(text(s, "name")))
        .append("\"><h1>").append(show(s, "name")).append(' ').append(Html.state(text(s, "state"))).append("</h1>\n");
    if (Html.flag(s, "paused")) {
      body.append("<div class=\"banner paused\" id=\"model-paused\"><strong>Paused</strong> by ")
          .append(show(s, "pausedBy")).append(": the agent observes this model and takes no new action.");
      String reason = text(s, "pausedReason");
      if (reason != null && !reason.isEmpty()) {
        body.append(" Reason: <span class=\"reason\">").append(esc(reason)).append("</span>");
      }
      body.append("</div>\n");
    }
    String limitation = text(s, "limitation");
    if (limitation != null && !limitation.isEmpty()) {
      body.append("<div class=\"banner note\" id=\"limitation\">").append(esc(limitation)).append("</div>\n");
    }
    JsonNode w = s.path("workload");
    body.append("<dl class=\"facts\">")
        .append("<dt>Policy</dt><dd id=\"model-policy\">").append(FleetPage.policy(s.get("policy"))).append("</dd>")
        .append("<dt>Stable version</dt><dd id=\"stable-version\">").append(show(w, "stableVersion")).append("</dd>")
        .append("<dt>Candidate version</dt><dd id=\"candidate-version\">").append(show(w, "candidateVersion"));
    if (text(w, "candidateVersion") != null) {
      body.append(" <span class=\"muted\">at ").append(show(w, "candidateWeight")).append("% of traffic</span>");
    }
    body.append("</dd><dt>Replicas</dt><dd>").append(show(w, "replicas")).append(" <span class=\"muted\">&times; ")
        .append(show(w, "cpuCores")).append(" CPU cores</span></dd>")
        .append("<dt>Windows observed</dt><dd>").append(show(s, "eventCount")).append(" since ")
        .append(Html.time(text(s, "firstObservedAt"))).append("</dd>")
        .append("<dt>Signals</dt><dd id=\"signals\">").append(signals(s.path("signals"))).append("</dd>")
        .append("<dt>Page rendered</dt><dd>").append(Html.time(now.toString())).append("</dd></dl></section>\n");
  }

  /** The detector's signals in a row, as words: "latency degraded for 3 windows". */
  private static String signals(JsonNode signals) {
    List<String> words = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = signals.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      int n = e.getValue().asInt(0);
      if (n > 0) {
        words.add(esc(e.getKey().replace('_', ' ')) + " for " + n + (n == 1 ? " window" : " windows"));
      }
    }
    return words.isEmpty() ? "<span class=\"muted\">none</span>" : String.join("; ", words);
  }

  private static void charts(StringBuilder body, JsonNode history) {
    JsonNode windows = history.path("windows");
    String first = windows.isEmpty() ? null : label(text(windows.get(0), "at"));
    String last = windows.size() < 2 ? null : label(text(windows.get(windows.size() - 1), "at"));
    body.append("<h2>Metrics</h2>\n<p class=\"legend\">Solid: observed. Grey dashed: the baseline the agent expects. ")
        .append("Red dashed: the rules' thresholds. ").append(windows.size()).append(" windows, oldest left.</p>\n")
        .append("<div class=\"charts\" id=\"charts\">\n");
    for (Metric m : Metric.values()) {
      List<Double> values = new ArrayList<>(windows.size());
      windows.forEach(w -> values.add(Html.number(w, m.field())));
      List<Double> baseline = new ArrayList<>();
      history.path("baseline").path(m.field()).forEach(v -> baseline.add(v.isNumber() ? v.asDouble() : null));
      List<SvgChart.Threshold> thresholds = new ArrayList<>();
      JsonNode limits = history.path("thresholds").path(m.field());
      for (String kind : List.of("above", "below")) {
        Double v = Html.number(limits, kind);
        if (v != null) {
          thresholds.add(new SvgChart.Threshold(kind, v));
        }
      }
      Double latest = values.isEmpty() ? null : values.get(values.size() - 1);
      body.append("<figure class=\"chart-card\"><figcaption>").append(m.title()).append(" <span class=\"muted\">")
          .append(latest == null ? "" : "latest " + esc(m.format(latest))).append("</span></figcaption>")
          .append(SvgChart.render(new SvgChart.Spec(m.field(), m.title(), values, baseline, thresholds, first, last,
              m::format)))
          .append("</figure>\n");
    }
    body.append("</div>\n");
  }

  /** A window's time for an axis end, to the minute: seconds would not fit under the plot. */
  private static String label(String iso) {
    if (iso == null) {
      return null;
    }
    try {
      return Instant.parse(iso).toString().substring(0, 16).replace('T', ' ') + "Z";
    } catch (java.time.format.DateTimeParseException e) {
      return iso;
    }
  }

  private static void rollout(StringBuilder body, JsonNode r) {
    body.append("<h2>Rollout</h2>\n<section class=\"card\" id=\"rollout-progress\"");
    if (r == null || r.isNull()) {
      body.append(" data-status=\"none\"><p class=\"muted\">No rollout yet.</p></section>\n");
      return;
    }
    String status = text(r, "status");
    int weight = Math.max(0, Math.min(100, Html.integer(r, "weight", 0)));
    body.append(" data-status=\"").append(esc(status)).append("\"><p><strong>").append(show(r, "fromVersion"))
        .append(" &rarr; ").append(show(r, "toVersion")).append("</strong> by ").append(show(r, "strategy"))
        .append(", status <strong class=\"rollout-status\">").append(FleetPage.words(status))
        .append("</strong>, step ").append(show(r, "step")).append(", ").append(weight)
        .append("% of traffic on the candidate.</p>")
        .append("<div class=\"progress\" role=\"progressbar\" aria-valuemin=\"0\" aria-valuemax=\"100\" aria-valuenow=\"")
        .append(weight).append("\"><div class=\"progress-bar\" style=\"width:").append(weight).append("%\"></div></div>")
        .append("<p class=\"muted\">Started ").append(Html.time(text(r, "startedAt")));
    if (text(r, "endedAt") != null) {
      body.append(", ended ").append(Html.time(text(r, "endedAt")));
    }
    body.append(".</p>");
    String reason = text(r, "reason");
    if (reason != null && !reason.isEmpty()) {
      body.append("<p class=\"reason\">").append(esc(reason)).append("</p>");
    }
    body.append("</section>\n");
  }

  private static void timeline(StringBuilder body, JsonNode page) {
    JsonNode items = page.path("items");
    body.append("<h2>Decisions</h2>\n");
    if (items.isEmpty()) {
      body.append("<p class=\"muted\" id=\"decision-timeline\" data-count=\"0\">No decision yet.</p>\n");
      return;
    }
    int total = Html.integer(page, "total", items.size());
    body.append("<p class=\"muted\">Newest first; ").append(items.size()).append(" of ").append(total).append(".</p>\n")
        .append("<ol class=\"timeline\" id=\"decision-timeline\" data-count=\"").append(items.size()).append("\">\n");
    for (JsonNode d : items) {
      body.append("<li class=\"decision type-").append(FleetPage.cssWord(text(d, "type"))).append("\"><span class=\"what\">")
          .append(esc(Html.decisionWords(text(d, "type")))).append("</span> <span class=\"muted\">")
          .append(Html.time(text(d, "at")));
      String policy = text(d, "policy");
      if (policy != null) {
        body.append(" &middot; policy ").append(esc(policy));
        String mode = text(d, "mode");
        body.append(mode == null ? "" : " (" + esc(mode) + ")");
      }
      if (d.has("actuated") && !Html.flag(d, "actuated")) {
        body.append(" &middot; not acted on");
      }
      body.append("</span><div class=\"reason\">").append(show(d, "reason")).append("</div>")
          .append(inputs(d.path("inputs"))).append("</li>\n");
    }
    body.append("</ol>\n");
  }

  private static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.4g", v);
  }

  /** The figures a decision was taken on, compact. */
  private static String inputs(JsonNode inputs) {
    if (!inputs.isObject() || inputs.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("<div class=\"inputs muted\">");
    boolean first = true;
    for (Iterator<Map.Entry<String, JsonNode>> it = inputs.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      out.append(first ? "" : ", ").append(esc(e.getKey())).append(" = ")
          .append(v.isNull() ? Html.DASH : v.isNumber() ? number(v.asDouble()) : esc(v.asText()));
      first = false;
    }
    return out.append("</div>").toString();
  }
}
