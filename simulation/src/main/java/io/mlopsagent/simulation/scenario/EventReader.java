package io.mlopsagent.simulation.scenario;

import io.mlopsagent.actors.hocon.HoconSection;
import io.mlopsagent.actors.model.ModelName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The schema of what happens during the run: {@code scenario.candidates} and {@code scenario.faults},
 * with the {@code target} each applies to. A target must select at least one model, and an event must
 * happen inside the run; both are only checked when the groups and the duration were read cleanly,
 * so one mistake is not reported again at every target.
 */
final class EventReader {
  static final Pattern GLOB = Pattern.compile("[a-z0-9*?-]{1,64}");

  private static final String GLOB_RULE =
      "a glob of lowercase letters, digits and '-', with * for any run of characters and ? for one";
  private static final String VERSION_RULE =
      "a version of 1-63 characters, letters and digits at both ends, '-', '_' or '.' inside";
  private static final String TAGS_RULE =
      "a list of registry tags, such as [\"optimized\"]: 1-63 characters, letters and digits at both ends,"
          + " '-', '_' or '.' inside";
  private static final String DELTA = "an accuracy difference from -1 to 1";
  private static final String FRACTION = "a fraction from 0 to 1";

  private final List<ModelGroup> groups;
  private final Duration run;

  /**
   * @param groups the fleet, or null when it was refused
   * @param run the scenario's duration, or null when it was refused
   */
  EventReader(List<ModelGroup> groups, Duration run) {
    this.groups = groups;
    this.run = run;
  }

  List<CandidateSpec> candidates(HoconSection scenario) {
    List<CandidateSpec> out = new ArrayList<>();
    // The versions each model gets so far: two candidates of one version for a model would be one
    // registry entry with two truths.
    Map<String, Set<String>> versionsGiven = new HashMap<>();
    for (HoconSection c : scenario.objects("candidates",
        "a list of candidates, such as [ { version = v2, appears-after = 2d, ... } ]")) {
      String version = c.string("version", ModelName::isValid, VERSION_RULE);
      Target target = target(c);
      Duration appearsAfter = insideRun(c, "appears-after");
      double validationDelta = c.decimal("validation-accuracy-delta", v -> v >= -1 && v <= 1, DELTA);
      double accuracyDelta = c.decimal("accuracy-delta", v -> v >= -1 && v <= 1, DELTA);
      double latencyFactor = c.has("latency-factor")
          ? c.decimal("latency-factor", v -> v > 0 && v <= 100, "a factor above 0, at most 100") : 1.0;
      double errorRate = c.optionalDecimal("error-rate", GroupReader::isFraction, FRACTION);
      double errorRateAtFull = c.optionalDecimal("error-rate-at-full-traffic", GroupReader::isFraction, FRACTION);
      List<String> tags = c.has("tags") ? c.strings("tags", ModelName::isValid, TAGS_RULE) : List.of();
      int releases = c.has("releases") ? c.integer("releases", 1, 1000) : 1;
      Duration every = c.has("every") ? c.duration("every", false) : Duration.ZERO;
      if (releases > 1 && !c.has("every")) {
        c.refuse("releases", "expected 'every' beside it: how far apart the releases appear");
      }
      Duration spread = c.has("spread") ? c.duration("spread", true) : Duration.ZERO;
      if (groups != null && c.allValid("version") && target != null) {
        String clash = firstClash(versionsGiven, version, FleetNames.select(groups, target));
        if (clash != null) {
          c.refuse("version", "expected a version no earlier candidate gives " + clash);
        }
      }
      if (c.clean()) {
        out.add(new CandidateSpec(version, target, appearsAfter, validationDelta, accuracyDelta, latencyFactor,
            errorRate, errorRateAtFull, Set.copyOf(tags), releases, every, spread));
      }
    }
    return out;
  }

  List<FaultSpec> faults(HoconSection scenario) {
    List<FaultSpec> out = new ArrayList<>();
    for (HoconSection f : scenario.objects("faults",
        "a list of faults, such as [ { kind = latency-spike, onset = 2d, duration = 3h, magnitude = 2.5 } ]")) {
      FaultKind kind = f.word("kind", FaultKind.values(), FaultKind::word);
      Target target = kind == FaultKind.AGENT_CRASH && f.allValid("kind") ? noTarget(f) : target(f);
      Duration onset = insideRun(f, "onset");
      Duration duration = faultDuration(f, kind, onset);
      double magnitude = magnitude(f, kind);
      if (f.clean()) {
        out.add(new FaultSpec(kind, target, onset, duration, magnitude));
      }
    }
    return out;
  }

  /**
   * A bad candidate stays in the registry once it appears, so it takes no duration (it is set to
   * the rest of the run); every other kind needs one.
   */
  private Duration faultDuration(HoconSection f, FaultKind kind, Duration onset) {
    if (!f.allValid("kind")) {
      // Whether a duration is required depends on the kind: check only one that is given.
      return f.has("duration") ? f.duration("duration", false) : null;
    }
    if (kind == FaultKind.AGENT_CRASH) {
      if (f.has("duration")) {
        f.refuse("duration", "agent-crash takes no duration: the agent starts again at once, on its journal");
      }
      return Duration.ZERO;
    }
    if (kind != FaultKind.BAD_CANDIDATE) {
      return f.duration("duration", false);
    }
    if (f.has("duration")) {
      f.refuse("duration", "bad-candidate takes no duration: the version stays in the registry");
    }
    return run != null && onset != null ? run.minus(onset) : Duration.ZERO;
  }

  /** An agent crash stops the whole agent: a target would promise what it cannot do. */
  private static Target noTarget(HoconSection f) {
    if (f.has("target")) {
      f.refuse("target", "agent-crash takes no target: the whole agent stops and starts again");
    }
    return Target.ALL;
  }

  private static double magnitude(HoconSection f, FaultKind kind) {
    if (!f.allValid("kind")) {
      f.readElsewhere("magnitude"); // its rule depends on the kind: nothing to check it against
      return 0;
    }
    return switch (kind) {
      case LATENCY_SPIKE, CPU_SATURATION, TRAFFIC_SURGE ->
          f.decimal("magnitude", v -> v > 1 && v <= 100, "a factor above 1, at most 100, for " + kind.word());
      case ERROR_SPIKE, ACCURACY_DRIFT, ACCURACY_DROP, BAD_CANDIDATE, KUBERNETES_API_ERRORS ->
          f.decimal("magnitude", v -> v > 0 && v <= 1, "a fraction above 0, at most 1, for " + kind.word());
      case METRICS_OUTAGE, REGISTRY_OUTAGE, AGENT_CRASH -> noMagnitude(f, kind);
    };
  }

  private static double noMagnitude(HoconSection f, FaultKind kind) {
    if (f.has("magnitude")) {
      f.refuse("magnitude", kind.word() + " takes no magnitude");
    }
    return 0;
  }

  /** The optional {@code target}: every model when absent, null when refused. */
  private Target target(HoconSection parent) {
    if (!parent.has("target")) {
      return Target.ALL;
    }
    HoconSection t = parent.section("target");
    String group = t.has("group") ? t.string("group", this::isGroup, groupRule()) : null;
    String models = t.has("models") ? t.string("models", m -> GLOB.matcher(m).matches(), GLOB_RULE) : null;
    int count = t.has("count") ? t.integer("count", 0, GroupReader.MAX_COUNT) : 0;
    if (!t.clean()) {
      return null;
    }
    Target target = new Target(group, models, count);
    if (groups != null && FleetNames.select(groups, target).isEmpty()) {
      parent.refuse("target", "expected a target that selects at least one model; the models are "
          + fleetOutline(group));
      return null;
    }
    return target;
  }

  /** An offset from the start, at 0 or later and before the end of the run; null when refused. */
  private Duration insideRun(HoconSection s, String key) {
    Duration offset = s.duration(key, true);
    if (run != null && s.allValid(key) && offset.compareTo(run) >= 0) {
      s.refuse(key, "expected a time inside the run: before its duration (" + words(run) + ")");
    }
    return s.allValid(key) ? offset : null;
  }

  private boolean isGroup(String name) {
    return groups == null
        ? GroupReader.NAME.matcher(name).matches()
        : groups.stream().anyMatch(g -> g.name().equals(name));
  }

  private String groupRule() {
    return groups == null
        ? "the name of a group"
        : groups.stream().map(ModelGroup::name).collect(Collectors.joining(", ", "the name of a group: one of ", ""));
  }

  /** For instance {@code fraud-001..fraud-020, churn-001..churn-030}. */
  private String fleetOutline(String group) {
    return groups.stream()
        .filter(g -> group == null || g.name().equals(group))
        .map(FleetNames::modelNames)
        .map(names -> names.size() == 1 ? names.get(0) : names.get(0) + ".." + names.get(names.size() - 1))
        .collect(Collectors.joining(", "));
  }

  /** The first model (in fleet order) that already gets {@code version}, or null; then records them all. */
  private static String firstClash(Map<String, Set<String>> versionsGiven, String version, List<String> models) {
    String clash = models.stream()
        .filter(m -> versionsGiven.getOrDefault(m, Set.of()).contains(version))
        .findFirst()
        .orElse(null);
    models.forEach(m -> versionsGiven.computeIfAbsent(m, k -> new HashSet<>()).add(version));
    return clash;
  }

  /** A duration in the largest unit that divides it, as a scenario file would write it: 5d, 90m. */
  private static String words(Duration d) {
    long seconds = d.toSeconds();
    if (seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds % 3_600 == 0) {
      return seconds / 3_600 + "h";
    }
    return seconds % 60 == 0 ? seconds / 60 + "m" : d.toMillis() + "ms";
  }
}
