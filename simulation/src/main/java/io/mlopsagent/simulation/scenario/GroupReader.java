package io.mlopsagent.simulation.scenario;

import io.mlopsagent.actors.hocon.HoconSection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.regex.Pattern;

/** The schema of {@code scenario.groups}: the models of the fleet, group by group. */
final class GroupReader {
  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");
  static final int MAX_COUNT = 100_000;

  // Defaults of the optional keys, as docs/SCENARIOS.md lists them.
  static final double TROUGH_SHARE = 0.5;
  static final double WEEKEND_FACTOR = 0.85;
  static final Range TRAFFIC_NOISE = new Range(0.02, 0.05);
  static final boolean TIMEZONE_SPREAD = true;
  static final ModelGroup.Resources RESOURCES = new ModelGroup.Resources(2, 6, 1.0, new Range(0.55, 0.70));

  private static final String NAME_RULE = "a name of 1-31 characters: a lowercase letter, then lowercase letters,"
      + " digits and '-'";
  private static final String FRACTION = "a fraction from 0 to 1";
  private static final String LIST = "a non-empty list of groups, such as [ { name = fraud, count = 20, ... } ]";

  private GroupReader() {}

  /**
   * The groups, or null when any of them (or the list) was refused: targets are only checked
   * against a complete fleet, or they could be refused for a group that is merely misspelt.
   */
  static List<ModelGroup> read(HoconSection scenario) {
    List<ModelGroup> groups = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<HoconSection> entries = scenario.objects("groups", LIST);
    if (scenario.allValid("groups") && entries.isEmpty()) {
      scenario.refuse("groups", "expected " + LIST);
    }
    for (HoconSection g : entries) {
      ModelGroup group = group(g);
      if (group != null && !names.add(group.name())) {
        g.refuse("name", "expected a name no earlier group uses");
      } else if (group != null) {
        groups.add(group);
      }
    }
    return scenario.allValid("groups") && entries.stream().allMatch(HoconSection::clean) ? groups : null;
  }

  private static ModelGroup group(HoconSection g) {
    String name = g.string("name", n -> NAME.matcher(n).matches(), NAME_RULE);
    int count = g.integer("count", 1, MAX_COUNT);
    Range sizeMb = range(g, "size-mb", v -> v > 0 && v <= 100_000, "MB above 0, at most 100000");
    Range complexity = range(g, "complexity", v -> v >= 0.1 && v <= 10, "a score from 0.1 to 10");
    ModelGroup.Traffic traffic = traffic(g.section("traffic"));
    Range accuracy = range(g, "accuracy", GroupReader::isFraction, FRACTION);
    Range latency = range(g, "latency-p95-seconds", v -> v > 0 && v <= 60, "seconds above 0, at most 60");
    Range errorRate = range(g, "error-rate", GroupReader::isFraction, FRACTION);
    ModelGroup.Resources resources = g.has("resources") ? resources(g.section("resources")) : RESOURCES;
    if (!g.clean()) {
      return null;
    }
    return new ModelGroup(name, count, sizeMb, complexity, traffic, accuracy, latency, errorRate, resources);
  }

  private static ModelGroup.Traffic traffic(HoconSection t) {
    Range peakRps = range(t, "peak-rps", v -> v > 0 && v <= 1_000_000, "requests per second above 0, at most 1000000");
    double troughShare = t.has("trough-share")
        ? t.decimal("trough-share", GroupReader::isFraction, FRACTION) : TROUGH_SHARE;
    double weekendFactor = t.has("weekend-factor")
        ? t.decimal("weekend-factor", v -> v >= 0 && v <= 10, "a factor from 0 to 10") : WEEKEND_FACTOR;
    Range noise = t.has("noise") ? range(t, "noise", GroupReader::isFraction, FRACTION) : TRAFFIC_NOISE;
    boolean spread = t.has("timezone-spread") ? t.flag("timezone-spread") : TIMEZONE_SPREAD;
    return t.clean() ? new ModelGroup.Traffic(peakRps, troughShare, weekendFactor, noise, spread) : null;
  }

  private static ModelGroup.Resources resources(HoconSection r) {
    int minReplicas = r.has("min-replicas") ? r.integer("min-replicas", 1, 1_000) : RESOURCES.minReplicas();
    int maxReplicas = r.has("max-replicas") ? r.integer("max-replicas", 1, 1_000) : RESOURCES.maxReplicas();
    double cpu = r.has("cpu-cores")
        ? r.decimal("cpu-cores", v -> v >= 0.01 && v <= 256, "cores from 0.01 to 256") : RESOURCES.cpuCores();
    Range peak = r.has("peak-utilisation")
        ? range(r, "peak-utilisation", v -> v > 0 && v <= 1, "a fraction above 0, at most 1")
        : RESOURCES.peakUtilisation();
    if (r.allValid("min-replicas", "max-replicas") && minReplicas > maxReplicas) {
      r.refuse("min-replicas", "expected at most max-replicas (" + maxReplicas + ")");
    }
    return r.clean() ? new ModelGroup.Resources(minReplicas, maxReplicas, cpu, peak) : null;
  }

  /** A range whose ends both pass {@code ok}; null when refused. */
  private static Range range(HoconSection s, String key, DoublePredicate ok, String allowed) {
    double[] ends = s.bounds(key, ok, allowed);
    return s.allValid(key) ? new Range(ends[0], ends[1]) : null;
  }

  static boolean isFraction(double v) {
    return v >= 0 && v <= 1;
  }
}
