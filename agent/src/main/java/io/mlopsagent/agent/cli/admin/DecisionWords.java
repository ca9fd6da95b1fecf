package io.mlopsagent.agent.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A journal decision in plain words: when, what the agent did, why, and the numbers it looked at.
 * The decision's own fields come first (version, strategy, replicas); for those the API item does
 * not carry, the {@code inputs} the rule recorded, and failing both the words stay general rather
 * than guess.
 */
final class DecisionWords {
  /** The inputs an operator reads first, in this order, when the decision recorded them. */
  private static final List<String> KEY_NUMBERS = List.of("value", "baseline", "threshold", "surprise");

  private DecisionWords() {}

  /** One paragraph: the first line says when and what, the next ones why and with which numbers. */
  static List<String> paragraph(JsonNode d) {
    List<String> lines = new ArrayList<>();
    lines.add(Text.time(d.path("at")) + ": " + what(d) + ".");
    String reason = Text.text(d.path("reason"));
    if (!reason.equals(Text.NONE)) {
      lines.add("  Why: " + reason + (reason.endsWith(".") ? "" : "."));
    }
    String numbers = keyNumbers(d.path("inputs"));
    if (!numbers.isEmpty()) {
      lines.add("  Numbers: " + numbers + ".");
    }
    String mode = Text.text(d.path("mode"));
    String policy = Text.text(d.path("policy"));
    boolean actuated = d.path("actuated").asBoolean(mode.equals("act") || mode.equals(Text.NONE));
    if (!actuated) {
      lines.add("  Only recorded: policy " + policy + " is in " + mode + " mode, so nothing was changed.");
    } else if (!policy.equals(Text.NONE)) {
      lines.add("  Policy: " + policy + (mode.equals(Text.NONE) ? "" : " (" + mode + ")") + ".");
    }
    return lines;
  }

  /** What the agent did, e.g. "started a canary rollout of version 7"; unknown types as they are. */
  static String what(JsonNode d) {
    String type = Text.text(d.path("type"));
    JsonNode inputs = d.path("inputs");
    return switch (type) {
      case "degradation_detected" -> detected(signal(d));
      case "rollout_started" -> "started " + article(strategy(d)) + "rollout" + ofVersion(toVersion(d));
      case "rollout_scheduled" -> "scheduled " + article(strategy(d)) + "rollout" + ofVersion(toVersion(d))
          + startAt(d);
      case "canary_step_passed" -> "passed the canary step" + atWeight(first(d, inputs, "weight"))
          + nextWeight(d);
      case "rollout_promoted" -> promoted(version(d, "version", "toVersion"))
          + replacing(first(d, inputs, "previousVersion", "fromVersion"));
      case "rollout_aborted" -> "aborted the rollout" + ofVersion(version(d, "version", "toVersion"))
          + keeping(first(d, inputs, "stableVersion", "fromVersion"));
      case "paused_inconclusive" -> "paused the rollout" + atWeight(first(d, inputs, "weight"))
          + ": its analysis was inconclusive (promote or abort it)";
      case "rolled_back" -> "rolled back" + fromTo(first(d, inputs, "fromVersion"), first(d, inputs, "toVersion"),
          "version ");
      case "scaled_out" -> "scaled out" + scaling(d, inputs);
      case "scaled_in" -> "scaled in" + scaling(d, inputs);
      case "retraining_requested" -> "requested retraining";
      default -> type;
    };
  }

  /** value 0.45, baseline 0.2, threshold 1.5, surprise 0.93: those recorded, in that order. */
  static String keyNumbers(JsonNode inputs) {
    List<String> shown = new ArrayList<>();
    for (String key : KEY_NUMBERS) {
      if (Text.isNumber(inputs.path(key))) {
        shown.add(key + " " + Text.number(inputs.path(key)));
      }
    }
    return String.join(", ", shown);
  }

  /** The signal's name, lower case: the item's own, else read off how the reason begins. */
  private static String signal(JsonNode d) {
    JsonNode signal = d.path("signal");
    if (signal.isTextual()) {
      return signal.asText().toLowerCase(Locale.ROOT);
    }
    String reason = d.path("reason").asText("").toLowerCase(Locale.ROOT);
    if (reason.startsWith("accuracy")) {
      return "accuracy_degraded";
    } else if (reason.startsWith("p95 latency")) {
      return "latency_degraded";
    } else if (reason.startsWith("error rate")) {
      return "error_rate_degraded";
    } else if (reason.startsWith("cpu")) {
      return reason.contains("below") ? "cpu_idle" : "cpu_saturated";
    }
    return "";
  }

  private static String detected(String signal) {
    return switch (signal) {
      case "accuracy_degraded" -> "detected degraded accuracy";
      case "latency_degraded" -> "detected degraded p95 latency";
      case "error_rate_degraded" -> "detected a degraded error rate";
      case "cpu_saturated" -> "detected saturated CPU";
      case "cpu_idle" -> "detected idle CPU (more capacity than the load needs)";
      default -> "detected a degradation";
    };
  }

  private static String strategy(JsonNode d) {
    String s = first(d, d.path("inputs"), "strategy");
    if (s.equals(Text.NONE)) {
      s = Text.text(d.path("rollout").path("strategy"));
    }
    if (s.equals(Text.NONE)) {
      s = Text.text(d.path("plan").path("strategy"));
    }
    return s.equals(Text.NONE) ? "" : s.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The version a rollout brings: the item's own field, its rollout's, or its candidate's. */
  private static String toVersion(JsonNode d) {
    String v = version(d, "toVersion", "version", "candidateVersion");
    if (v.equals(Text.NONE)) {
      v = Text.text(d.path("rollout").path("toVersion"));
    }
    if (v.equals(Text.NONE)) {
      v = Text.text(d.path("candidate").path("version"));
    }
    return v;
  }

  private static String version(JsonNode d, String... fields) {
    return first(d, d.path("inputs"), fields);
  }

  /** The first of {@code fields} the item carries, else the first the inputs do, else "-". */
  private static String first(JsonNode d, JsonNode inputs, String... fields) {
    for (JsonNode source : List.of(d, inputs)) {
      for (String f : fields) {
        JsonNode v = source.path(f);
        if (v.isNumber()) {
          return Text.number(v);
        }
        if (v.isTextual() && !v.asText().isEmpty()) {
          return Text.clean(v.asText());
        }
      }
    }
    return Text.NONE;
  }

  private static String article(String strategy) {
    if (strategy.isEmpty()) {
      return "a ";
    }
    return (strategy.startsWith("a") || strategy.startsWith("e") ? "an " : "a ") + strategy + " ";
  }

  private static String ofVersion(String version) {
    return version.equals(Text.NONE) ? "" : " of version " + version;
  }

  private static String startAt(JsonNode d) {
    String at = Text.time(d.path("plan").path("startAt"));
    return at.equals(Text.NONE) ? "" : " for " + at;
  }

  private static String atWeight(String weight) {
    return weight.equals(Text.NONE) ? "" : " at " + weight + "% of traffic";
  }

  private static String nextWeight(JsonNode d) {
    JsonNode next = d.path("nextWeight");
    return next.isNumber() && next.asInt() > 0 ? ", moving on to " + next.asInt() + "%" : "";
  }

  private static String promoted(String version) {
    return version.equals(Text.NONE) ? "promoted the new version" : "promoted version " + version;
  }

  private static String replacing(String previous) {
    return previous.equals(Text.NONE) ? " to stable" : " to stable, replacing version " + previous;
  }

  private static String keeping(String stable) {
    return stable.equals(Text.NONE) ? "" : ", keeping version " + stable;
  }

  private static String fromTo(String from, String to, String unit) {
    if (from.equals(Text.NONE) && to.equals(Text.NONE)) {
      return "";
    }
    return (from.equals(Text.NONE) ? "" : " from " + unit + from) + (to.equals(Text.NONE) ? "" : " to " + unit + to);
  }

  /** Replicas when they changed, else the CPU request per replica when it did. */
  private static String scaling(JsonNode d, JsonNode inputs) {
    String from = first(d, inputs, "fromReplicas", "replicas");
    String to = first(d, inputs, "toReplicas");
    if (!from.equals(Text.NONE) && !to.equals(Text.NONE) && !from.equals(to)) {
      return " from " + from + " to " + to + " replicas";
    }
    String fromCpu = first(d, inputs, "fromCpuCores", "cpuCores");
    String toCpu = first(d, inputs, "toCpuCores");
    if (!fromCpu.equals(Text.NONE) && !toCpu.equals(Text.NONE) && !fromCpu.equals(toCpu)) {
      return ": CPU per replica from " + fromCpu + " to " + toCpu + " cores";
    }
    return "";
  }
}
