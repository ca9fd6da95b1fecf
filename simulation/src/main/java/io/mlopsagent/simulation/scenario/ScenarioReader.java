package io.mlopsagent.simulation.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.mlopsagent.actors.hocon.HoconSection;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The schema of a scenario file's top level: {@code scenario { name, seed, start, duration, step,
 * slo, groups, candidates, cluster, faults }}. Groups are read by {@link GroupReader}, candidates and
 * faults by {@link EventReader}.
 */
final class ScenarioReader {
  static final String ROOT = "scenario";

  // Defaults of the optional keys, as docs/SCENARIOS.md lists them.
  /** A Monday, so that the first days of a run are working days. */
  static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
  /** Deployments take minutes, longer for big or complex models and under load, and rarely fail. */
  static final ClusterTruth CLUSTER = new ClusterTruth(
      Duration.ofMinutes(2), Duration.ofMinutes(1), Duration.ofSeconds(30), 0.5, 0.2, 0.02, 0.01, 0.03);

  static final Duration MIN_STEP = Duration.ofSeconds(10);
  static final Duration MAX_STEP = Duration.ofHours(1);
  static final Duration MAX_DURATION = Duration.ofDays(400);

  private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,40}");
  private static final String NAME_RULE = "a name of 1-40 characters: lowercase letters, digits and '-'";
  private static final String START_RULE = "an instant in UTC (ISO-8601), such as 2026-03-02T00:00:00Z";
  private static final String FRACTION = "a fraction from 0 to 1";

  private ScenarioReader() {}

  /**
   * Reads a scenario, or returns null when anything was refused (then {@code problems} says what).
   *
   * @param config the parsed file, holding the top-level {@code scenario} object
   */
  static Scenario read(Config config, Set<String> problems) {
    try {
      return readChecked(config, problems);
    } catch (ConfigException e) {
      // Not a value problem but a config that cannot be walked at all; say so rather than crash.
      problems.add(ROOT + ": cannot be read: " + e.getMessage());
      return null;
    }
  }

  private static Scenario readChecked(Config config, Set<String> problems) {
    HoconSection top = HoconSection.of(config, path -> path, path -> true, problems);
    HoconSection s = top.section(ROOT);
    String name = s.string("name", n -> NAME.matcher(n).matches(), NAME_RULE);
    String description = s.has("description")
        ? s.string("description", d -> d.length() <= 2_000, "text of at most 2000 characters") : "";
    long seed = s.whole("seed", 0, Long.MAX_VALUE);
    Instant start = START;
    if (s.has("start")) {
      String text = s.string("start", ScenarioReader::isInstant, START_RULE);
      start = s.allValid("start") ? Instant.parse(text) : START;
    }
    Duration step = s.duration("step", false);
    if (s.allValid("step") && (step.compareTo(MIN_STEP) < 0 || step.compareTo(MAX_STEP) > 0)) {
      s.refuse("step", "expected from 10s to 1h");
    }
    Duration duration = s.duration("duration", false);
    if (s.allValid("duration", "step") && (duration.compareTo(step) < 0 || duration.compareTo(MAX_DURATION) > 0)) {
      s.refuse("duration", "expected at least one step, at most 400d");
    }
    Slo slo = s.has("slo") ? slo(s.section("slo")) : Slo.SEED;
    List<ModelGroup> groups = GroupReader.read(s);
    EventReader events = new EventReader(groups, s.allValid("duration") ? duration : null);
    List<CandidateSpec> candidates = s.has("candidates") ? events.candidates(s) : List.of();
    ClusterTruth cluster = s.has("cluster") ? cluster(s.section("cluster")) : CLUSTER;
    List<FaultSpec> faults = s.has("faults") ? events.faults(s) : List.of();
    java.nio.file.Path policies = s.has("agent-policies") ? java.nio.file.Path.of(s.string("agent-policies",
        p -> !p.isBlank() && !p.contains("\0"), "a path to a policies file, relative to the scenario file")) : null;
    top.rejectUnknownKeys();
    if (!problems.isEmpty()) {
      return null;
    }
    return new Scenario(name, description, seed, start, duration, step, slo, groups, candidates, cluster, faults,
        policies);
  }

  private static Slo slo(HoconSection s) {
    Slo d = Slo.SEED;
    double minAccuracy = s.has("min-accuracy")
        ? s.decimal("min-accuracy", GroupReader::isFraction, FRACTION) : d.minAccuracy();
    double maxLatency = s.has("max-latency-p95-seconds")
        ? s.decimal("max-latency-p95-seconds", v -> v > 0 && v <= 60, "seconds above 0, at most 60")
        : d.maxLatencyP95Seconds();
    double maxErrorRate = s.has("max-error-rate")
        ? s.decimal("max-error-rate", GroupReader::isFraction, FRACTION) : d.maxErrorRate();
    return new Slo(minAccuracy, maxLatency, maxErrorRate);
  }

  private static ClusterTruth cluster(HoconSection c) {
    ClusterTruth d = CLUSTER;
    return new ClusterTruth(
        c.has("deploy-base") ? c.duration("deploy-base", true) : d.base(),
        c.has("deploy-per-100mb") ? c.duration("deploy-per-100mb", true) : d.perHundredMb(),
        c.has("deploy-per-complexity") ? c.duration("deploy-per-complexity", true) : d.perComplexity(),
        c.has("load-factor")
            ? c.decimal("load-factor", v -> v >= 0 && v <= 10, "a factor from 0 to 10") : d.loadFactor(),
        c.has("noise") ? c.decimal("noise", v -> v >= 0 && v <= 2, "a log-normal spread from 0 to 2") : d.noise(),
        c.has("failure-base") ? c.decimal("failure-base", GroupReader::isFraction, FRACTION) : d.failureBase(),
        c.has("failure-per-100mb")
            ? c.decimal("failure-per-100mb", GroupReader::isFraction, FRACTION) : d.failurePerHundredMb(),
        c.has("failure-load-factor")
            ? c.decimal("failure-load-factor", GroupReader::isFraction, FRACTION) : d.failureLoadFactor(),
        c.has("cpu-exponent")
            ? c.decimal("cpu-exponent", v -> v >= 0 && v <= 2, "an exponent from 0 to 2") : d.cpuExponent());
  }

  private static boolean isInstant(String text) {
    try {
      Instant.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
