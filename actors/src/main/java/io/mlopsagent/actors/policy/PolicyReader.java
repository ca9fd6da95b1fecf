package io.mlopsagent.actors.policy;

import io.mlopsagent.actors.hocon.HoconSection;
import io.mlopsagent.actors.model.ModelName;
import java.time.Duration;
import java.util.List;

/**
 * The schema of one policy: every key, its type and what is allowed, read into the records. The
 * same reading serves the default and each override (already merged over the default), so the two
 * can never disagree on a rule.
 */
final class PolicyReader {
  private static final String FRACTION = "a fraction above 0, at most 1";
  private static final String FRACTION_WITH_ZERO = "a fraction from 0 to 1";
  private static final String STEPS_TYPE = "a list of whole percentages, such as [10, 25, 50, 100]";
  private static final java.util.regex.Pattern PERCENT = java.util.regex.Pattern.compile("[0-9]{1,3}%?");
  private static final String PERCENT_RULE = "a whole percentage of the pods from 1% to 100%, such as 25%";
  private static final String TAG_RULE =
      "a registry tag of 1-63 characters, letters and digits at both ends, '-', '_' or '.' inside";

  private PolicyReader() {}

  /**
   * Reads a policy, or returns null when any of its values was refused (the problems say why).
   * Unknown keys are left to {@link HoconSection#rejectUnknownKeys}, called once everything is read.
   */
  static Policy read(String name, HoconSection p) {
    PolicyMode mode = p.word("mode", PolicyMode.values(), PolicyMode::word);
    DetectionPolicy detection = detection(p.section("detection"));
    ScalingPolicy scaling = scaling(p.section("scaling"));
    RolloutPolicy rollout = rollout(p.section("rollout"));
    AnalysisPolicy analysis = analysis(p.section("analysis"), rollout);
    SafetyPolicy safety = safety(p.section("safety"));
    // Records check their own invariants too; build them only from values that all passed.
    if (!p.clean()) {
      return null;
    }
    return new Policy(name, mode, detection, scaling, rollout, analysis, safety);
  }

  private static DetectionPolicy detection(HoconSection d) {
    Duration halfLife = d.duration("half-life", false);
    int warmup = d.integer("warmup-windows", 1, 1_000_000);
    boolean seasonal = d.flag("seasonal");
    double clip = d.decimal("outlier-clip", v -> v > 0 && v <= 100, "standard deviations above 0, at most 100");
    Duration acceptShift = d.duration("accept-shift-after", false);

    HoconSection t = d.section("thresholds");
    double accuracyDrop = t.decimal("accuracy-drop", v -> v > 0 && v <= 1, FRACTION);
    double latencyFactor = t.decimal("latency-factor", v -> v > 1 && v <= 100, "a factor above 1, at most 100");
    double errorRateRise = t.decimal("error-rate-rise", v -> v > 0 && v <= 1, FRACTION);
    double cpuHigh = t.decimal("cpu-high", v -> v > 0 && v <= 1, FRACTION);
    double cpuLow = t.decimal("cpu-low", v -> v >= 0 && v < 1, "a fraction from 0, below 1");
    int consecutive = t.integer("consecutive-windows", 1, 10_000);
    int sustained = t.integer("sustained-windows", 1, 1_000_000);
    if (t.allValid("cpu-low", "cpu-high") && !(cpuLow < cpuHigh)) {
      t.refuse("cpu-low", "expected less than detection.thresholds.cpu-high (" + cpuHigh + ")");
    }
    if (!d.clean()) {
      return null;
    }
    return new DetectionPolicy(halfLife, warmup, seasonal, clip, acceptShift, new DetectionPolicy.Thresholds(
        accuracyDrop, latencyFactor, errorRateRise, cpuHigh, cpuLow, consecutive, sustained));
  }

  private static ScalingPolicy scaling(HoconSection s) {
    boolean enabled = s.flag("enabled");
    int minReplicas = s.integer("min-replicas", 1, 10_000);
    int maxReplicas = s.integer("max-replicas", 1, 10_000);
    double factor = s.decimal("factor", v -> v > 1 && v <= 10, "a factor above 1, at most 10");
    ScalingResource resource = s.word("resource", ScalingResource.values(), ScalingResource::word);
    double minCpu = s.decimal("min-cpu", v -> v >= 0.001 && v <= 1024, "cores from 0.001 to 1024");
    double maxCpu = s.decimal("max-cpu", v -> v >= 0.001 && v <= 1024, "cores from 0.001 to 1024");
    if (s.allValid("min-replicas", "max-replicas") && minReplicas > maxReplicas) {
      s.refuse("min-replicas", "expected at most scaling.max-replicas (" + maxReplicas + ")");
    }
    if (s.allValid("min-cpu", "max-cpu") && minCpu > maxCpu) {
      s.refuse("min-cpu", "expected at most scaling.max-cpu (" + maxCpu + ")");
    }
    if (!s.clean()) {
      return null;
    }
    return new ScalingPolicy(enabled, minReplicas, maxReplicas, factor, resource, minCpu, maxCpu);
  }

  private static RolloutPolicy rollout(HoconSection r) {
    RolloutStrategy strategy = r.word("strategy", RolloutStrategy.values(), RolloutStrategy::word);
    List<Integer> steps = r.integers("canary-steps", STEPS_TYPE);
    if (r.allValid("canary-steps") && !RolloutPolicy.areValidSteps(steps)) {
      r.refuse("canary-steps", RolloutPolicy.STEPS_RULE);
    }
    int measurements = r.integer("measurements-per-step", 1, 1_000);
    Duration rollbackWindow = r.duration("rollback-window", false);
    String tag = r.string("optimized-tag", ModelName::isValid, TAG_RULE);
    Duration upgradeCheck = r.duration("upgrade-check-interval", true);
    io.mlopsagent.actors.ports.TrafficSplit split = r.word("traffic-split",
        io.mlopsagent.actors.ports.TrafficSplit.values(), io.mlopsagent.actors.ports.TrafficSplit::word);
    Duration progressDeadline = r.duration("progress-deadline", false);
    int maxSurge = percent(r.section("rolling"), "max-surge");
    if (!r.clean()) {
      return null;
    }
    return new RolloutPolicy(strategy, steps, measurements, rollbackWindow, tag, upgradeCheck, split,
        progressDeadline, maxSurge);
  }

  /**
   * A share of pods written as Kubernetes writes {@code maxSurge}, {@code 25%}, or as the bare
   * number; 0 when refused. An absolute pod count is not taken: models differ in replicas, and one
   * policy serves many.
   */
  private static int percent(HoconSection s, String key) {
    String text = s.string(key, v -> percentOf(v) >= 1 && percentOf(v) <= 100, PERCENT_RULE);
    return text.isEmpty() ? 0 : percentOf(text);
  }

  /** The percentage {@code text} states ("25%" or "25"), -1 when it states none. */
  private static int percentOf(String text) {
    String t = text.trim();
    return PERCENT.matcher(t).matches() ? Integer.parseInt(t.replace("%", "")) : -1;
  }

  private static AnalysisPolicy analysis(HoconSection a, RolloutPolicy rollout) {
    double minAccuracy = a.decimal("min-accuracy", v -> v >= 0 && v <= 1, FRACTION_WITH_ZERO);
    double maxLatency = a.decimal("max-latency-p95-seconds", v -> v > 0 && v <= 3600, "seconds above 0, at most 3600");
    double maxErrorRate = a.decimal("max-error-rate", v -> v >= 0 && v <= 1, FRACTION_WITH_ZERO);
    double vsStable = a.decimal("max-latency-vs-stable", v -> v >= 1 && v <= 100,
        "a factor from 1 to 100 (1.2 lets the new version be 20% slower than the stable one)");
    int failureLimit = a.integer("failure-limit", 0, 1_000);
    int inconclusiveLimit = a.integer("inconclusive-limit", 0, 1_000);
    int errorLimit = a.integer("consecutive-error-limit", 0, 1_000);
    // With as many failures tolerated as measurements taken, a step could never fail.
    if (rollout != null && a.allValid("failure-limit") && failureLimit >= rollout.measurementsPerStep()) {
      a.refuse("failure-limit", "expected fewer than rollout.measurements-per-step ("
          + rollout.measurementsPerStep() + "), or no step could ever fail");
    }
    if (!a.clean()) {
      return null;
    }
    return new AnalysisPolicy(
        minAccuracy, maxLatency, maxErrorRate, vsStable, failureLimit, inconclusiveLimit, errorLimit);
  }

  /**
   * The fleet-wide {@code learner} section; each key optional, since one left out keeps the agent's
   * configured value. Null when any value was refused.
   */
  static LearnerPolicy learner(HoconSection l) {
    Integer everyOutcomes = l.has("retrain-every-outcomes")
        ? l.integer("retrain-every-outcomes", 1, LearnerPolicy.MAX_OUTCOMES) : null;
    Duration every = l.has("retrain-every") ? l.duration("retrain-every", false) : null;
    if (!l.clean()) {
      return null;
    }
    return new LearnerPolicy(everyOutcomes, every);
  }

  private static SafetyPolicy safety(HoconSection s) {
    Duration cooldown = s.duration("cooldown", true);
    int maxActions = s.integer("max-actions-per-hour", 1, 3_600);
    int maxRollouts = s.integer("max-concurrent-rollouts", 1, 100_000);
    Duration retrainCooldown = s.duration("retrain-cooldown", true);
    if (!s.clean()) {
      return null;
    }
    return new SafetyPolicy(cooldown, maxActions, maxRollouts, retrainCooldown);
  }
}
