package io.mlopsagent.actors.decide;

import io.mlopsagent.actors.analysis.AnalysisMetric;
import io.mlopsagent.actors.analysis.AnalysisTemplate;
import io.mlopsagent.actors.analysis.Comparison;
import io.mlopsagent.actors.analysis.Condition;
import io.mlopsagent.actors.detect.DetectorParams;
import io.mlopsagent.actors.detect.Thresholds;
import io.mlopsagent.actors.metrics.MetricKind;
import io.mlopsagent.actors.policy.AnalysisPolicy;
import io.mlopsagent.actors.policy.DetectionPolicy;
import io.mlopsagent.actors.policy.Policy;
import io.mlopsagent.actors.policy.RolloutStrategy;
import io.mlopsagent.actors.rollout.RolloutSpec;
import io.mlopsagent.actors.rollout.Strategy;
import java.util.List;

/**
 * What a policy's numbers mean for the detectors and for a rollout's analysis. The policy is the
 * operator's vocabulary; the detectors and the analysis keep their own, so either can change
 * without the other.
 */
public final class PolicyTranslation {
  private PolicyTranslation() {}

  public static DetectorParams detectorParams(Policy p) {
    DetectionPolicy d = p.detection();
    return new DetectorParams(d.halfLife(), d.warmupWindows(), d.seasonal(), d.outlierClip(), d.acceptShiftAfter());
  }

  public static Thresholds thresholds(Policy p) {
    DetectionPolicy.Thresholds t = p.detection().thresholds();
    // The analysis criteria are the model's service level (the seed's success criteria): a live
    // window beyond them is a degradation even when the baseline has drifted along with it.
    AnalysisPolicy a = p.analysis();
    return new Thresholds(t.accuracyDrop(), t.latencyFactor(), t.errorRateRise(), t.cpuHigh(), t.cpuLow(),
        t.consecutiveWindows(), new Thresholds.Slo(a.minAccuracy(), a.maxLatencyP95Seconds(), a.maxErrorRate()));
  }

  /** The rollout a policy asks for, its steps gated by the policy's analysis (a rolling update's by its health gate). */
  public static RolloutSpec rolloutSpec(Policy p) {
    RolloutStrategy s = p.rollout().strategy();
    return switch (s) {
      case CANARY -> rolloutSpec(p, Strategy.CANARY, p.rollout().canarySteps());
      case BLUE_GREEN -> rolloutSpec(p, Strategy.BLUE_GREEN, List.of());
      case ROLLING -> rolloutSpec(p, Strategy.ROLLING, p.rollout().rollingBatches());
    };
  }

  /**
   * A rollout by {@code strategy} (the optimizer's choice, or someone's request) under the policy's
   * numbers: a canary's and a blue-green's steps gated by the policy's analysis, a rolling update's
   * batches by its health gate.
   *
   * @param weights a canary's traffic weights or a rolling update's batches; ignored for blue-green
   */
  public static RolloutSpec rolloutSpec(Policy p, Strategy strategy, List<Integer> weights) {
    int n = p.rollout().measurementsPerStep();
    RolloutSpec spec = switch (strategy) {
      case CANARY -> RolloutSpec.canary(weights, analysis(p.name(), p.analysis()), n);
      case BLUE_GREEN -> RolloutSpec.blueGreen(analysis(p.name(), p.analysis()), n);
      case ROLLING -> RolloutSpec.rolling(weights, healthGate(p.name(), p.analysis()));
    };
    return spec.withProgressDeadline(p.rollout().progressDeadline());
  }

  /**
   * What a rolling update checks at each batch: the new version's error rate and p95 latency within
   * the policy's service level, read once. Like Kubernetes' own rolling update it does not judge
   * the model: no accuracy (a wrong answer served fast is healthy), no comparison with the stable
   * version. One bad reading fails the batch; missing readings count against the consecutive-error
   * limit as in any analysis.
   */
  static AnalysisTemplate healthGate(String policyName, AnalysisPolicy a) {
    List<AnalysisMetric> metrics = List.of(
        gate(AnalysisMetric.of("error-rate", MetricKind.ERROR_RATE,
            Condition.absolute(MetricKind.ERROR_RATE, Comparison.AT_MOST, a.maxErrorRate()), null), a),
        gate(AnalysisMetric.of("latency-p95", MetricKind.LATENCY_P95_SECONDS,
            Condition.absolute(MetricKind.LATENCY_P95_SECONDS, Comparison.AT_MOST, a.maxLatencyP95Seconds()), null), a));
    return new AnalysisTemplate("health-" + policyName, metrics);
  }

  private static AnalysisMetric gate(AnalysisMetric m, AnalysisPolicy a) {
    return m.withCount(1).withConsecutiveErrorLimit(a.consecutiveErrorLimit());
  }

  /** The seed's success criteria with the policy's numbers and Argo's limits. */
  static AnalysisTemplate analysis(String policyName, AnalysisPolicy a) {
    List<AnalysisMetric> metrics = List.of(
        limits(AnalysisMetric.of("accuracy", MetricKind.ACCURACY,
            Condition.absolute(MetricKind.ACCURACY, Comparison.AT_LEAST, a.minAccuracy()), null), a),
        limits(AnalysisMetric.of("latency-p95", MetricKind.LATENCY_P95_SECONDS,
            Condition.absolute(MetricKind.LATENCY_P95_SECONDS, Comparison.AT_MOST, a.maxLatencyP95Seconds()), null), a),
        limits(AnalysisMetric.of("error-rate", MetricKind.ERROR_RATE,
            Condition.absolute(MetricKind.ERROR_RATE, Comparison.AT_MOST, a.maxErrorRate()), null), a),
        limits(AnalysisMetric.of("latency-p95-vs-stable", MetricKind.LATENCY_P95_SECONDS,
            Condition.relative(MetricKind.LATENCY_P95_SECONDS, Comparison.AT_MOST, a.maxLatencyVsStable()), null), a));
    return new AnalysisTemplate("policy-" + policyName, metrics);
  }

  private static AnalysisMetric limits(AnalysisMetric m, AnalysisPolicy a) {
    return m.withFailureLimit(a.failureLimit())
        .withInconclusiveLimit(a.inconclusiveLimit())
        .withConsecutiveErrorLimit(a.consecutiveErrorLimit());
  }
}
