package io.mlopsagent.agent.http.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The pieces every dashboard page shares: escaping, the page frame with its inline style, and
 * reading the API's JSON where any field may be missing or null. Every string that came from data
 * goes through {@link #esc}: model names are validated, but reasons and actors are free text.
 */
final class Html {
  static final String DASH = "\u2014";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Html() {}

  /** Text safe in element content and in quoted attribute values; null as nothing. */
  static String esc(String s) {
    return s == null ? "" : io.mlopsagent.simulation.report.HtmlEscape.escape(s);
  }

  /** A field as text, or null when missing or JSON null. */
  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() || v.isMissingNode() ? null : v.asText();
  }

  /** A field as escaped text, or a dash. */
  static String show(JsonNode node, String field) {
    String t = text(node, field);
    return t == null || t.isEmpty() ? DASH : esc(t);
  }

  /** A numeric field, or null when missing, null, not a number or not finite. */
  static Double number(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || !v.isNumber()) {
      return null;
    }
    double d = v.asDouble();
    return Double.isFinite(d) ? d : null;
  }

  static int integer(JsonNode node, String field, int fallback) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && v.isNumber() ? v.asInt() : fallback;
  }

  static boolean flag(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && v.asBoolean(false);
  }

  /** A metric's value in its unit, or a dash. */
  static String metric(JsonNode window, Metric metric) {
    Double v = number(window, metric.field());
    return v == null ? DASH : esc(metric.format(v));
  }

  /** An ISO instant as a readable UTC time; anything else escaped as it is. */
  static String time(String iso) {
    if (iso == null || iso.isEmpty()) {
      return DASH;
    }
    try {
      Instant at = Instant.parse(iso);
      return "<time datetime=\"" + esc(iso) + "\">" + TIME.format(at) + "</time>";
    } catch (DateTimeParseException e) {
      return esc(iso);
    }
  }

  /** A model's state as a coloured badge; unknown states get the neutral colour. */
  static String state(String state) {
    String s = state == null ? "unknown" : state;
    String css = s.matches("[a-z_]{1,30}") ? s : "unknown";
    return "<span class=\"badge state-" + css + "\">" + esc(s.replace('_', ' ')) + "</span>";
  }

  /** A decision type in plain words: {@code rollout_promoted} reads "Rollout promoted". */
  static String decisionWords(String type) {
    if (type == null || type.isEmpty()) {
      return "Decision";
    }
    return switch (type) {
      case "paused_inconclusive" -> "Rollout paused: analysis inconclusive";
      case "scaled_out" -> "Scaled out (more replicas)";
      case "scaled_in" -> "Scaled in (fewer replicas)";
      case "rolled_back" -> "Rolled back to the previous version";
      default -> {
        String words = type.replace('_', ' ');
        yield Character.toUpperCase(words.charAt(0)) + words.substring(1);
      }
    };
  }

  /** A complete page; {@code refreshSeconds} of 0 leaves out the self-refresh. */
  static String page(String title, int refreshSeconds, String body) {
    StringBuilder out = new StringBuilder(8192);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    if (refreshSeconds > 0) {
      out.append("<meta http-equiv=\"refresh\" content=\"").append(refreshSeconds).append("\">\n");
    }
    out.append("<title>").append(esc(title)).append("</title>\n<style>\n").append(STYLE).append("</style>\n")
        .append("</head>\n<body>\n<header class=\"top\"><a class=\"home\" href=\"/\">mlops-agent</a>")
        .append("<span class=\"sub\">operator dashboard</span></header>\n<main>\n")
        .append(body)
        .append("</main>\n</body>\n</html>\n");
    return out.toString();
  }

  /** An error page: what went wrong in words, and the way back. */
  static String errorPage(int status, String headline, String detail, int refreshSeconds) {
    String body = "<section class=\"error\" id=\"error\" data-status=\"" + status + "\"><h1>" + status + " "
        + esc(headline) + "</h1><p>" + esc(detail) + "</p><p><a href=\"/\">Back to the fleet</a></p></section>\n";
    return page(status + " " + headline, refreshSeconds, body);
  }

  // Inline so the page works offline and behind a proxy that serves nothing else.
  private static final String STYLE = """
      :root { --ok:#1a7f37; --warn:#b35900; --bad:#c62828; --info:#0550ae; --muted:#6e7781; --line:#d0d7de; }
      * { box-sizing: border-box; }
      body { margin:0; font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif;
             color:#1f2328; background:#f6f8fa; font-size:14px; }
      header.top { background:#24292f; color:#fff; padding:10px 24px; display:flex; gap:12px; align-items:baseline; }
      header.top a.home { color:#fff; font-weight:600; font-size:16px; text-decoration:none; }
      header.top .sub { color:#adbac7; }
      main { padding:16px 24px; max-width:1240px; }
      h1 { font-size:22px; margin:8px 0 12px; } h2 { font-size:17px; margin:22px 0 8px; }
      a { color:var(--info); }
      section.card, .chart-card { background:#fff; border:1px solid var(--line); border-radius:6px; padding:12px 16px; }
      .banner { padding:10px 16px; border-radius:6px; margin:8px 0 12px; font-weight:500; }
      .banner.paused { background:#fff1e5; border:1px solid var(--warn); color:#7a3d00; }
      .banner.note { background:#ddf4ff; border:1px solid #54aeff; color:#0a3069; }
      #fleet-counts { display:flex; gap:12px; flex-wrap:wrap; }
      .tile { background:#fff; border:1px solid var(--line); border-left:6px solid var(--muted); border-radius:6px;
              padding:10px 16px; min-width:150px; }
      .tile .count { display:block; font-size:28px; font-weight:600; }
      .tile .label { color:var(--muted); text-transform:capitalize; }
      .tile.state-healthy { border-left-color:var(--ok); } .tile.state-degraded { border-left-color:var(--bad); }
      .tile.state-rolling_out { border-left-color:var(--info); } .tile.state-paused { border-left-color:var(--warn); }
      .tile.state-warming_up { border-left-color:#8250df; }
      table { border-collapse:collapse; width:100%; background:#fff; border:1px solid var(--line); }
      th, td { text-align:left; padding:6px 10px; border-bottom:1px solid var(--line); vertical-align:top; }
      th { background:#f0f3f6; font-weight:600; } td.num { text-align:right; font-variant-numeric:tabular-nums; }
      .badge { display:inline-block; padding:1px 8px; border-radius:10px; font-size:12px; color:#fff; background:var(--muted); }
      .badge.state-healthy { background:var(--ok); } .badge.state-degraded { background:var(--bad); }
      .badge.state-rolling_out { background:var(--info); } .badge.state-paused { background:var(--warn); }
      .badge.state-warming_up { background:#8250df; }
      .muted { color:var(--muted); }
      dl.facts { display:grid; grid-template-columns:max-content 1fr; gap:4px 16px; margin:0; }
      dl.facts dt { color:var(--muted); } dl.facts dd { margin:0; }
      .charts { display:grid; grid-template-columns:repeat(auto-fill, minmax(560px, 1fr)); gap:12px; }
      .chart-card { margin:0; padding:8px; } .chart-card figcaption { font-weight:600; padding:2px 6px 4px; }
      svg.chart { width:100%; height:auto; display:block; }
      svg.chart .series-values { fill:none; stroke:#0969da; stroke-width:1.8; }
      svg.chart .series-point { fill:#0969da; }
      svg.chart .series-baseline { fill:none; stroke:#6e7781; stroke-width:1.2; stroke-dasharray:5 4; }
      svg.chart .threshold line { stroke:var(--bad); stroke-width:1.2; stroke-dasharray:6 4; }
      svg.chart .threshold text { fill:var(--bad); font-size:11px; }
      svg.chart .axis { stroke:#57606a; stroke-width:1; } svg.chart .grid { stroke:#eaeef2; stroke-width:1; }
      svg.chart text { font-size:11px; fill:#57606a; } svg.chart .empty { font-size:13px; }
      .legend { color:var(--muted); font-size:12px; padding:0 6px; }
      ol.timeline { list-style:none; margin:0; padding:0; }
      ol.timeline li { background:#fff; border:1px solid var(--line); border-left:4px solid var(--info);
                       border-radius:4px; padding:8px 12px; margin-bottom:6px; }
      ol.timeline li.type-degradation_detected, ol.timeline li.type-rollout_aborted,
      ol.timeline li.type-rolled_back { border-left-color:var(--bad); }
      ol.timeline li.type-rollout_promoted, ol.timeline li.type-canary_step_passed { border-left-color:var(--ok); }
      ol.timeline li.type-paused_inconclusive { border-left-color:var(--warn); }
      ol.timeline .what { font-weight:600; } ol.timeline .reason { margin-top:3px; }
      .progress { background:#eaeef2; border-radius:6px; height:18px; overflow:hidden; margin:8px 0; max-width:640px; }
      .progress-bar { background:var(--info); height:100%; }
      .error h1 { color:var(--bad); }
      """;
}
