package io.mlopsagent.agent.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The fleet and a model's status as text, from the admin API's JSON shapes. */
final class StatusText {
  static final List<String> HEADER =
      List.of("NAME", "STATE", "POLICY", "ACCURACY", "P95 LATENCY", "ERROR RATE", "ROLLOUT");

  private StatusText() {}

  /** One line: the kill switch first when it is on, then the models by state and the rollouts. */
  static String fleetSummary(JsonNode fleet) {
    StringBuilder s = new StringBuilder();
    if (fleet.path("paused").asBoolean(false)) {
      s.append("FLEET PAUSED by ").append(Text.text(fleet.path("pausedBy")));
      String reason = Text.text(fleet.path("pausedReason"));
      if (!reason.equals(Text.NONE)) {
        s.append(": ").append(reason);
      }
      if (!Text.text(fleet.path("pausedAt")).equals(Text.NONE)) {
        s.append(" (since ").append(Text.time(fleet.path("pausedAt"))).append(')');
      }
      s.append("; ");
    }
    long models = fleet.path("models").asLong(0);
    s.append(models).append(models == 1 ? " model" : " models");
    List<String> states = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = fleet.path("byState").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      states.add(e.getValue().asLong(0) + " " + Text.clean(e.getKey()));
    }
    if (!states.isEmpty()) {
      s.append(": ").append(String.join(", ", states));
    }
    int rollouts = fleet.path("rolloutsInFlight").size();
    s.append("; ").append(rollouts).append(rollouts == 1 ? " rollout" : " rollouts").append(" in flight");
    return s.toString();
  }

  /** The models as an aligned table, each with its rollout in flight if it has one. */
  static List<String> fleetTable(JsonNode fleet, List<JsonNode> models) {
    Map<String, JsonNode> rollouts = new HashMap<>();
    for (JsonNode r : fleet.path("rolloutsInFlight")) {
      rollouts.put(r.path("model").asText(), r);
    }
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode m : models) {
      JsonNode latest = m.path("latest");
      JsonNode rollout = rollouts.get(m.path("name").asText());
      String rolloutCell = rollout != null ? rollout(rollout)
          : m.path("inRollout").asBoolean(false) ? "yes" : Text.NONE;
      rows.add(List.of(Text.text(m.path("name")), Text.text(m.path("state")), policyName(m.path("policy")),
          Text.number(latest.path("accuracy")), Text.seconds(latest.path("latencyP95Seconds")),
          Text.percent(latest.path("errorRate")), rolloutCell));
    }
    return Text.table(HEADER, rows);
  }

  /** A rollout in a few words: {@code canary 6->7 at 25% (in_progress)}. */
  static String rollout(JsonNode r) {
    StringBuilder s = new StringBuilder(Text.text(r.path("strategy")))
        .append(' ').append(Text.text(r.path("fromVersion"))).append("->").append(Text.text(r.path("toVersion")));
    if (Text.isNumber(r.path("weight"))) {
      s.append(" at ").append(r.path("weight").asInt()).append('%');
    }
    String status = Text.text(r.path("status"));
    if (!status.equals(Text.NONE)) {
      s.append(" (").append(status).append(')');
    }
    return s.toString();
  }

  /** The policy as the list shows it: a name, or an object with one. */
  private static String policyName(JsonNode policy) {
    return policy.isObject() ? Text.text(policy.path("name")) : Text.text(policy);
  }

  /** A model's status as {@code key: value} lines, its rollout last. */
  static List<String> model(JsonNode s) {
    List<String[]> f = new ArrayList<>();
    f.add(new String[] {"model", Text.text(s.path("name"))});
    f.add(new String[] {"state", Text.text(s.path("state"))});
    f.add(new String[] {"paused", paused(s)});
    JsonNode policy = s.path("policy");
    f.add(new String[] {"policy", policy.isObject()
        ? Text.text(policy.path("name")) + " (" + Text.text(policy.path("mode")) + ")" : Text.text(policy)});
    f.add(new String[] {"observed", s.path("eventCount").asLong(0) + " events since "
        + Text.time(s.path("firstObservedAt"))});
    f.add(new String[] {"latest window", window(s.path("latest"))});
    f.add(new String[] {"workload", workload(s.path("workload"))});
    f.add(new String[] {"signals", signals(s.path("signals"))});
    f.add(new String[] {"surprise", numbers(s.path("surprise"))});
    JsonNode gaps = s.path("dataGaps");
    if (gaps.path("windows").asLong(0) > 0) {
      f.add(new String[] {"data gaps", gaps.path("windows").asLong() + " windows, the last at "
          + Text.time(gaps.path("lastAt"))});
    }
    if (!Text.text(s.path("limitation")).equals(Text.NONE)) {
      f.add(new String[] {"limitation", Text.text(s.path("limitation"))});
    }
    JsonNode r = s.path("rollout");
    if (!r.isObject()) {
      f.add(new String[] {"rollout", "none"});
    } else {
      f.add(new String[] {"rollout", rollout(r) + ", id " + Text.text(r.path("id"))});
      f.add(new String[] {"rollout started", Text.time(r.path("startedAt"))});
      if (!Text.text(r.path("endedAt")).equals(Text.NONE)) {
        f.add(new String[] {"rollout ended", Text.time(r.path("endedAt"))});
      }
      f.add(new String[] {"rollout reason", Text.text(r.path("reason"))});
    }
    return Text.fields(f);
  }

  private static String paused(JsonNode s) {
    if (!s.path("paused").asBoolean(false)) {
      return "no";
    }
    String reason = Text.text(s.path("pausedReason"));
    return "yes, by " + Text.text(s.path("pausedBy")) + (reason.equals(Text.NONE) ? "" : ": " + reason);
  }

  private static String window(JsonNode w) {
    if (!w.isObject()) {
      return "none yet";
    }
    return Text.time(w.path("at")) + ": accuracy " + Text.number(w.path("accuracy"))
        + ", p95 latency " + Text.seconds(w.path("latencyP95Seconds"))
        + ", error rate " + Text.percent(w.path("errorRate"))
        + ", throughput " + Text.number(w.path("throughputRps")) + " rps"
        + ", CPU " + Text.percent(w.path("cpuUtilization"));
  }

  private static String workload(JsonNode w) {
    if (!w.isObject()) {
      return "unknown";
    }
    String s = "version " + Text.text(w.path("stableVersion")) + " serving, "
        + Text.number(w.path("replicas")) + " replicas x " + Text.number(w.path("cpuCores")) + " CPU";
    String candidate = Text.text(w.path("candidateVersion"));
    return candidate.equals(Text.NONE) ? s
        : s + "; candidate " + candidate + " at " + w.path("candidateWeight").asInt(0) + "%";
  }

  /** Detector streaks above zero: {@code latency_degraded 3 windows}. */
  private static String signals(JsonNode signals) {
    List<String> firing = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = signals.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().asInt(0) > 0) {
        firing.add(Text.clean(e.getKey()) + " " + e.getValue().asInt() + " windows");
      }
    }
    return firing.isEmpty() ? "none" : String.join(", ", firing);
  }

  /** The known numbers of an object: {@code accuracy 0.1, errorRate 0.93}. */
  private static String numbers(JsonNode object) {
    List<String> known = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNumber()) {
        known.add(Text.clean(e.getKey()) + " " + Text.number(e.getValue()));
      }
    }
    return known.isEmpty() ? Text.NONE : String.join(", ", known);
  }
}
