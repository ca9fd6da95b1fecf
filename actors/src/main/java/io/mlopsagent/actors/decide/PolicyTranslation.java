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

  /** The rollout a policy asks for, its steps gated by the policy's analysis. */
  public static RolloutSpec rolloutSpec(Policy p) {
    AnalysisTemplate analysis = analysis(p.name(), p.analysis());
    int n = p.rollout().measurementsPerStep();
    RolloutSpec spec = p.rollout().strategy() == RolloutStrategy.CANARY
        ? RolloutSpec.canary(p.rollout().canarySteps(), analysis, n)
        : RolloutSpec.blueGreen(analysis, n);
    return spec.withProgressDeadline(p.rollout().progressDeadline());
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
