package io.mlopsagent.actors.decide;

import io.mlopsagent.actors.detect.Observation;
import io.mlopsagent.actors.detect.Signal;
import io.mlopsagent.actors.detect.Thresholds;
import io.mlopsagent.actors.metrics.MetricKind;
import io.mlopsagent.actors.policy.DetectionPolicy;
import io.mlopsagent.actors.policy.Policy;
import io.mlopsagent.actors.policy.PolicyMode;
import io.mlopsagent.actors.ports.ModelVersion;
import io.mlopsagent.actors.ports.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's rules, as a pure function of one window's context: which degradations to report and
 * what to do about them. The rules (the seed's, with the policy's numbers):
 *
 * <ol>
 *   <li>accuracy degraded: roll out a registered version that validated better, else request
 *       retraining (at most once per retrain cooldown);
 *   <li>latency degraded: with the CPU saturated, scale out; otherwise roll out a version tagged
 *       as optimized, if there is one;
 *   <li>error rate degraded soon after a promotion: roll back to the previous version;
 *   <li>CPU saturated for the sustained number of windows: scale out; idle as long: scale in.
 * </ol>
 *
 * A rollout in progress owns the model: no other adaptation starts until it has ended. Every
 * adaptation but a rollback waits for the per-model cooldown and the hourly action budget.
 */
public final class Decider {
  private static final Duration HOUR = Duration.ofHours(1);

  private Decider() {}

  /** The plans for one window, in the order they should be journaled. */
  public static List<Plan> onWindow(DecisionContext c) {
    List<Plan> plans = new ArrayList<>(degradations(c));
    Policy p = c.policy();
    if (p.mode() == PolicyMode.OBSERVE || c.rolloutInProgress() || c.workload() == null) {
      return plans;
    }
    DetectionPolicy.Thresholds t = p.detection().thresholds();
    Optional<Plan> rollback = rollback(c);
    if (rollback.isPresent()) {
      plans.add(rollback.get());
      return plans;
    }
    if (!withinBudget(c)) {
      return plans;
    }
    if (c.step().fired(Signal.ACCURACY_DEGRADED)) {
      plans.add(new Plan.NeedVersions(Signal.ACCURACY_DEGRADED,
          "accuracy degraded: looking for a better version in the registry", inputs(c, Signal.ACCURACY_DEGRADED)));
    } else if (c.step().fired(Signal.LATENCY_DEGRADED)) {
      double cpu = value(c, MetricKind.CPU_UTILIZATION);
      if (Double.isNaN(cpu)) {
        // Without the CPU of this window the remedy cannot be told; missing data decides nothing.
        return plans;
      }
      Optional<Plan> scaled = cpu > t.cpuHigh() || c.step().fired(Signal.CPU_SATURATED)
          ? scaleOut(c, "p95 latency degraded with CPU at " + pct(cpu) + " (above " + pct(t.cpuHigh()) + ")",
              Signal.LATENCY_DEGRADED)
          : Optional.empty();
      if (scaled.isPresent()) {
        plans.add(scaled.get());
      } else {
        // Low CPU, or no room left to scale: a faster version is the remaining remedy.
        String why = cpu > t.cpuHigh() ? "p95 latency degraded with CPU at " + pct(cpu) + " and no room to scale"
            : "p95 latency degraded without high CPU (" + pct(cpu) + ")";
        Map<String, Double> inputs = inputs(c, Signal.LATENCY_DEGRADED);
        inputs.put("cpu", cpu);
        plans.add(new Plan.NeedVersions(Signal.LATENCY_DEGRADED, why + ": looking for an optimized version",
            inputs));
      }
    } else if (c.step().sustained(Signal.CPU_SATURATED, t.sustainedWindows())) {
      scaleOut(c, "CPU above " + pct(t.cpuHigh()) + " for " + c.step().streak(Signal.CPU_SATURATED) + " windows",
          Signal.CPU_SATURATED).ifPresent(plans::add);
    } else if (c.step().sustained(Signal.CPU_IDLE, t.sustainedWindows())) {
      scaleIn(c).ifPresent(plans::add);
    }
    return plans;
  }

  /**
   * The second half of rules 1 and 2, once the registry has answered: a version to roll out,
   * retraining, or nothing.
   */
  public static Optional<Plan> withVersions(DecisionContext c, Plan.NeedVersions need, List<ModelVersion> versions) {
    if (c.rolloutInProgress() || c.workload() == null || !withinBudget(c)) {
      return Optional.empty();
    }
    String stable = c.workload().stableVersion();
    List<ModelVersion> candidates = versions.stream()
        .filter(v -> !v.version().equals(stable) && !c.rejectedVersions().contains(v.version()))
        .toList();
    Map<String, Double> inputs = new LinkedHashMap<>(need.inputs());
    // A stable version the registry does not list has no recorded accuracy to beat or to keep.
    double current = versions.stream().filter(v -> v.version().equals(stable))
        .mapToDouble(ModelVersion::validationAccuracy).findFirst().orElse(Double.NaN);
    if (!Double.isNaN(current)) {
      inputs.put("stableValidationAccuracy", current);
    }
    if (need.isUpgradeCheck()) {
      return betterThanServing(versions, stable, c.rejectedVersions())
          .map(v -> {
            inputs.put("candidateValidationAccuracy", v.validationAccuracy());
            return new Plan.StartRollout(v, null, "the registry has " + v.version() + " validating at "
                + v.validationAccuracy() + ", better than " + current + " for the serving " + stable, inputs);
          });
    }
    if (need.trigger() == Signal.ACCURACY_DEGRADED) {
      Optional<ModelVersion> better = betterThanServing(versions, stable, c.rejectedVersions());
      if (better.isPresent()) {
        inputs.put("candidateValidationAccuracy", better.get().validationAccuracy());
        return Optional.of(new Plan.StartRollout(better.get(), need.trigger(),
            "accuracy degraded; " + better.get().version() + " validated at " + better.get().validationAccuracy()
                + " against " + current + " for " + stable, inputs));
      }
      Duration retrainCooldown = c.policy().safety().retrainCooldown();
      if (c.lastRetrainAt() != null && c.at().isBefore(c.lastRetrainAt().plus(retrainCooldown))) {
        return Optional.empty();
      }
      return Optional.of(new Plan.Retrain(Double.isNaN(current)
          ? "accuracy degraded and the registry does not list the serving version " + stable
          : "accuracy degraded and no registered version validates better than " + stable, inputs));
    }
    String tag = c.policy().rollout().optimizedTag();
    // Faster must not mean worse: an optimized version has to validate at least as well.
    Optional<Plan> optimized = candidates.stream()
        .filter(v -> v.tagged(tag) && !Double.isNaN(current) && v.validationAccuracy() >= current)
        .max(Comparator.comparingDouble(ModelVersion::validationAccuracy))
        .map(v -> {
          // Journaled as for the other rollouts: replay rebuilds what the registry offered from it.
          inputs.put("candidateValidationAccuracy", v.validationAccuracy());
          return new Plan.StartRollout(v, need.trigger(),
              "p95 latency degraded; " + v.version() + " is tagged '" + tag + "' and validates at "
                  + v.validationAccuracy() + " (serving: " + current + ")", inputs);
        });
    return optimized.isPresent() ? optimized : queueingRelief(c, inputs);
  }

  /**
   * The registered version that validates best, if it validates better than the serving one: what
   * an accuracy rollout or an upgrade rolls out. None when the registry does not list the serving
   * version (there is no accuracy to beat). Versions rejected before are never offered again.
   */
  public static Optional<ModelVersion> betterThanServing(List<ModelVersion> versions, String stable,
      java.util.Set<String> rejected) {
    double current = versions.stream().filter(v -> v.version().equals(stable))
        .mapToDouble(ModelVersion::validationAccuracy).findFirst().orElse(Double.NaN);
    return versions.stream()
        .filter(v -> !v.version().equals(stable) && !rejected.contains(v.version()))
        .filter(v -> !Double.isNaN(current) && v.validationAccuracy() > current)
        .max(Comparator.comparingDouble(ModelVersion::validationAccuracy));
  }

  /**
   * Latency degraded below the saturation line and no faster version to roll out: once the
   * replicas are past half-way between idle and saturated, queueing already adds a good part of
   * the latency, and more capacity takes it away. Below that, more replicas would not help.
   */
  private static Optional<Plan> queueingRelief(DecisionContext c, Map<String, Double> inputs) {
    DetectionPolicy.Thresholds t = c.policy().detection().thresholds();
    double cpu = inputs.getOrDefault("cpu", Double.NaN);
    double queueing = (t.cpuLow() + t.cpuHigh()) / 2;
    if (!(cpu > queueing) || !c.policy().scaling().enabled()) {
      return Optional.empty();
    }
    double[] to = ScalingMath.out(c.workload(), c.policy().scaling(), cpu, t.cpuHigh());
    if (to == null) {
      return Optional.empty();
    }
    Workload w = c.workload();
    Map<String, Double> scaled = new LinkedHashMap<>(inputs);
    scalingInputs(scaled, w, to);
    return Optional.of(new Plan.Scale(true, (int) to[0], to[1], "p95 latency degraded, no optimized version, CPU at "
        + pct(cpu) + " (above " + pct(queueing) + ", where queueing adds latency): scale out from " + w.replicas()
        + " x " + w.cpuCores() + " to " + (int) to[0] + " x " + to[1] + " cores", scaled));
  }

  private static List<Plan> degradations(DecisionContext c) {
    int firstFiring = c.policy().detection().thresholds().consecutiveWindows();
    List<Plan> found = new ArrayList<>();
    for (Signal s : List.of(Signal.ACCURACY_DEGRADED, Signal.LATENCY_DEGRADED, Signal.ERROR_RATE_DEGRADED,
        Signal.CPU_SATURATED)) {
      java.time.Instant last = c.lastDetected().get(s);
      boolean reportedLately = last != null && c.at().isBefore(last.plus(c.policy().safety().cooldown()));
      if (c.step().fired(s) && c.step().streak(s) == firstFiring && !reportedLately) {
        found.add(new Plan.Degradation(s, describe(c, s), inputs(c, s)));
      }
    }
    return found;
  }

  private static Optional<Plan> rollback(DecisionContext c) {
    DecisionContext.Promotion last = c.lastPromotion();
    if (last == null || !c.step().fired(Signal.ERROR_RATE_DEGRADED)
        || !last.version().equals(c.workload().stableVersion())
        || c.at().isAfter(last.at().plus(c.policy().rollout().rollbackWindow()))) {
      return Optional.empty();
    }
    Map<String, Double> inputs = inputs(c, Signal.ERROR_RATE_DEGRADED);
    inputs.put("minutesSincePromotion", Duration.between(last.at(), c.at()).toSeconds() / 60.0);
    return Optional.of(new Plan.RollBack(last.version(), last.previousVersion(),
        "error rate spiked " + Duration.between(last.at(), c.at()).toMinutes() + " min after " + last.version()
            + " was promoted: " + describe(c, Signal.ERROR_RATE_DEGRADED), inputs));
  }

  private static Optional<Plan> scaleOut(DecisionContext c, String why, Signal trigger) {
    if (!c.policy().scaling().enabled()) {
      return Optional.empty();
    }
    Workload w = c.workload();
    double[] to = ScalingMath.out(w, c.policy().scaling(), value(c, MetricKind.CPU_UTILIZATION),
        c.policy().detection().thresholds().cpuHigh());
    if (to == null) {
      return Optional.empty();
    }
    Map<String, Double> inputs = inputs(c, trigger);
    scalingInputs(inputs, w, to);
    return Optional.of(new Plan.Scale(true, (int) to[0], to[1],
        why + ": scale out from " + w.replicas() + " x " + w.cpuCores() + " to " + (int) to[0] + " x " + to[1]
            + " cores", inputs));
  }

  private static Optional<Plan> scaleIn(DecisionContext c) {
    if (!c.policy().scaling().enabled()) {
      return Optional.empty();
    }
    Workload w = c.workload();
    DetectionPolicy.Thresholds t = c.policy().detection().thresholds();
    double cpu = value(c, MetricKind.CPU_UTILIZATION);
    // Sized for the busiest hour the model's CPU baseline knows, not for this quiet one: a scale-in
    // at night must not bring the afternoon's saturation (and a scale-out) with it.
    // And for the busiest hour of the last week, in today's capacity: a Sunday must not size a Monday.
    double peak = c.step().state().of(MetricKind.CPU_UTILIZATION)
        .dailyPeak(PolicyTranslation.detectorParams(c.policy()));
    double weekly = c.weeklyPeakCores() / (w.replicas() * w.cpuCores());
    double sizing = Math.max(cpu, Math.max(Double.isNaN(peak) ? 0 : peak, weekly));
    double[] to = ScalingMath.in(w, c.policy().scaling(), sizing, t.cpuHigh());
    if (to == null) {
      return Optional.empty();
    }
    Map<String, Double> inputs = inputs(c, Signal.CPU_IDLE);
    if (!Double.isNaN(peak)) {
      inputs.put("expectedDailyPeak", peak);
    }
    inputs.put("weeklyPeakUtilisation", weekly);
    scalingInputs(inputs, w, to);
    return Optional.of(new Plan.Scale(false, (int) to[0], to[1],
        "CPU below " + pct(t.cpuLow()) + " for " + c.step().streak(Signal.CPU_IDLE) + " windows (now " + pct(cpu)
            + "): scale in from " + w.replicas() + " x " + w.cpuCores() + " to " + (int) to[0] + " x " + to[1]
            + " cores", inputs));
  }

  private static boolean withinBudget(DecisionContext c) {
    List<java.time.Instant> actions = c.recentActions();
    if (!actions.isEmpty() && c.at().isBefore(actions.get(actions.size() - 1).plus(c.policy().safety().cooldown()))) {
      return false;
    }
    long lastHour = actions.stream().filter(a -> a.isAfter(c.at().minus(HOUR))).count();
    return lastHour < c.policy().safety().maxActionsPerHour();
  }

  private static String describe(DecisionContext c, Signal s) {
    Observation o = c.step().observations().get(s.metric());
    DetectionPolicy.Thresholds t = c.policy().detection().thresholds();
    String value = o == null ? "?" : fmt(o.value());
    String baseline = o == null ? "?" : fmt(o.expected());
    Thresholds rules = PolicyTranslation.thresholds(c.policy());
    Thresholds.Slo slo = rules.slo();
    // Named by the service level only when the baseline alone would not have called it.
    if (o != null && slo.broken(s, o.value()) && !rules.withoutSlo().breaches(s, o)) {
      String metric = s == Signal.ACCURACY_DEGRADED ? "accuracy " : s == Signal.LATENCY_DEGRADED ? "p95 latency "
          : "error rate ";
      return metric + value + " is " + (s == Signal.ACCURACY_DEGRADED ? "below" : "above") + " the service level "
          + fmt(slo.limit(s)) + " (the policy's analysis criteria; baseline " + baseline + ") for "
          + c.step().streak(s) + " windows";
    }
    return switch (s) {
      case ACCURACY_DEGRADED -> "accuracy " + value + " is more than " + t.accuracyDrop() + " below its baseline "
          + baseline;
      case LATENCY_DEGRADED -> "p95 latency " + value + " s is above " + t.latencyFactor() + " x its baseline "
          + baseline + " s";
      case ERROR_RATE_DEGRADED -> "error rate " + value + " is above its baseline " + baseline + " + "
          + t.errorRateRise();
      case CPU_SATURATED -> "CPU utilisation " + value + " is above " + t.cpuHigh();
      case CPU_IDLE -> "CPU utilisation " + value + " is below " + t.cpuLow();
    } + " for " + c.step().streak(s) + " windows";
  }

  private static Map<String, Double> inputs(DecisionContext c, Signal s) {
    Map<String, Double> inputs = new LinkedHashMap<>();
    Observation o = c.step().observations().get(s.metric());
    if (o != null) {
      inputs.put("value", o.value());
      inputs.put("baseline", o.expected());
      inputs.put("scale", o.scale());
      inputs.put("score", o.score());
      // How rare this value is in the metric's own history: context for the reader, not a trigger.
      inputs.put("surprise", c.step().state().surprise(s.metric()));
    }
    DetectionPolicy.Thresholds t = c.policy().detection().thresholds();
    inputs.put("threshold", switch (s) {
      case ACCURACY_DEGRADED -> t.accuracyDrop();
      case LATENCY_DEGRADED -> t.latencyFactor();
      case ERROR_RATE_DEGRADED -> t.errorRateRise();
      case CPU_SATURATED -> t.cpuHigh();
      case CPU_IDLE -> t.cpuLow();
    });
    inputs.put("streakWindows", (double) c.step().streak(s));
    return inputs;
  }

  private static void scalingInputs(Map<String, Double> inputs, Workload w, double[] to) {
    inputs.put("replicas", (double) w.replicas());
    inputs.put("cpuCores", w.cpuCores());
    inputs.put("toReplicas", to[0]);
    inputs.put("toCpuCores", to[1]);
  }

  private static double value(DecisionContext c, MetricKind kind) {
    Observation o = c.step().observations().get(kind);
    return o == null ? Double.NaN : o.value();
  }

  private static String pct(double v) {
    return Math.round(v * 100) + " %";
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.4g", v);
  }
}
