package io.mlopsagent.actors.decide;

import io.mlopsagent.actors.detect.DataGap;
import io.mlopsagent.actors.detect.DetectionStep;
import io.mlopsagent.actors.detect.Direction;
import io.mlopsagent.actors.detect.ModelBaselines;
import io.mlopsagent.actors.detect.Observation;
import io.mlopsagent.actors.detect.Signal;
import io.mlopsagent.actors.metrics.MetricKind;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.policy.Policy;
import io.mlopsagent.actors.policy.PolicyLoader;
import io.mlopsagent.actors.ports.Workload;
import io.mlopsagent.actors.rollout.Rollout;
import io.mlopsagent.actors.rollout.RolloutStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One window of one model as the decider sees it: a healthy model on the shipped default policy
 * (4 replicas of 1 core, stable version v1, nothing breaching) that each test bends where it needs.
 * The detection step is built by hand: a signal fires when its breach streak reaches the policy's
 * consecutive-windows, as the detectors would have it.
 */
final class DecisionContextBuilder {
  static final Instant AT = Instant.parse("2026-11-23T12:00:00Z");
  static final ModelName MODEL = ModelName.of("fraud-scoring");
  static final String STABLE = "v1";

  /** Healthy value (also the baseline) and noise scale of each metric. */
  private static final Map<MetricKind, double[]> NORMAL = new EnumMap<>(Map.of(
      MetricKind.ACCURACY, new double[] {0.92, 0.005},
      MetricKind.LATENCY_P95_SECONDS, new double[] {0.120, 0.006},
      MetricKind.ERROR_RATE, new double[] {0.01, 0.002},
      MetricKind.THROUGHPUT_RPS, new double[] {200, 10},
      MetricKind.CPU_UTILIZATION, new double[] {0.5, 0.03}));
  private static final double OUTLIER_CLIP = 3.0;
  private static final Map<String, Policy> POLICIES = new ConcurrentHashMap<>();

  private final StringBuilder policyOverrides = new StringBuilder();
  private final Map<MetricKind, Double> values = new EnumMap<>(MetricKind.class);
  private final Map<Signal, Integer> streaks = new EnumMap<>(Signal.class);
  private Workload workload = new Workload(MODEL, STABLE, null, 0, 4, 1.0, 1L << 30);
  private boolean rolloutInProgress;
  private Duration rolloutEndedAgo;
  private DecisionContext.Promotion lastPromotion;
  private final List<Instant> recentActions = new ArrayList<>();
  private Instant lastRetrainAt;
  private final Set<String> rejectedVersions = new HashSet<>();
  private final Map<Signal, Instant> lastDetected = new EnumMap<>(Signal.class);

  private DecisionContextBuilder() {
    NORMAL.forEach((kind, normal) -> values.put(kind, normal[0]));
  }

  static DecisionContextBuilder aWindow() {
    return new DecisionContextBuilder();
  }

  /** The shipped default policy with one key of its default changed, e.g. {@code ("safety.cooldown", "0")}. */
  DecisionContextBuilder policy(String path, Object value) {
    policyOverrides.append("policies.default.").append(path).append(" = ").append(value).append('\n');
    return this;
  }

  /** {@code signal}'s metric reads {@code value}, breaching for {@code streak} windows in a row. */
  DecisionContextBuilder breaching(Signal signal, double value, int streak) {
    values.put(signal.metric(), value);
    streaks.put(signal, streak);
    return this;
  }

  /** {@code kind} reads {@code value} without any rule breaching. */
  DecisionContextBuilder reading(MetricKind kind, double value) {
    values.put(kind, value);
    return this;
  }

  DecisionContextBuilder workload(int replicas, double cpuCores) {
    workload = workload.withReplicasAndCpu(replicas, cpuCores);
    return this;
  }

  DecisionContextBuilder stable(String version) {
    workload = workload.withStable(version);
    return this;
  }

  DecisionContextBuilder noWorkload() {
    workload = null;
    return this;
  }

  /** A blue-green rollout of v2 over the stable version, started a minute ago and still analysing. */
  DecisionContextBuilder rolloutInProgress() {
    rolloutInProgress = true;
    return this;
  }

  /** A rollout that was promoted {@code ago}. */
  DecisionContextBuilder rolloutEnded(Duration ago) {
    rolloutEndedAgo = ago;
    return this;
  }

  DecisionContextBuilder promoted(String version, String previousVersion, Duration ago) {
    lastPromotion = new DecisionContext.Promotion(AT.minus(ago), version, previousVersion);
    return this;
  }

  /** Actions taken this long ago, oldest first. */
  DecisionContextBuilder actedAgo(Duration... ago) {
    for (Duration d : ago) {
      recentActions.add(AT.minus(d));
    }
    recentActions.sort(null);
    return this;
  }

  DecisionContextBuilder retrainedAgo(Duration ago) {
    lastRetrainAt = AT.minus(ago);
    return this;
  }

  DecisionContextBuilder rejected(String... versions) {
    rejectedVersions.addAll(List.of(versions));
    return this;
  }

  DecisionContextBuilder detectedAgo(Signal signal, Duration ago) {
    lastDetected.put(signal, AT.minus(ago));
    return this;
  }

  /** The policy of this window; parsed once per set of overrides, so tests stay fast. */
  private Policy policy() {
    return POLICIES.computeIfAbsent(policyOverrides.toString(),
        overrides -> PolicyLoader.parse(shippedPolicies() + "\n" + overrides).defaultPolicy());
  }

  private static String shippedPolicies() {
    try {
      return Files.readString(Path.of("..", "conf", "policies.conf"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  DecisionContext build() {
    Policy policy = policy();
    return new DecisionContext(MODEL, AT, policy, step(policy), workload, rollout(policy), lastPromotion,
        recentActions, lastRetrainAt, rejectedVersions, lastDetected);
  }

  private DetectionStep step(Policy policy) {
    int consecutive = policy.detection().thresholds().consecutiveWindows();
    Map<MetricKind, Observation> observations = new EnumMap<>(MetricKind.class);
    values.forEach((kind, value) -> {
      double expected = NORMAL.get(kind)[0];
      double scale = NORMAL.get(kind)[1];
      double score = (value - expected) / scale;
      Direction direction = score > OUTLIER_CLIP ? Direction.ABOVE
          : score < -OUTLIER_CLIP ? Direction.BELOW : Direction.NONE;
      observations.put(kind, new Observation(kind, value, expected, scale, score, direction, true));
    });
    Map<Signal, Integer> fired = new EnumMap<>(Signal.class);
    streaks.forEach((signal, streak) -> {
      if (streak >= consecutive) {
        fired.put(signal, streak);
      }
    });
    ModelBaselines before = ModelBaselines.empty();
    ModelBaselines after = new ModelBaselines(before.byKind(), AT, streaks, before.surprises());
    return new DetectionStep(after, observations, DataGap.none(AT), fired, Set.of());
  }

  private Rollout rollout(Policy policy) {
    String from = workload == null ? STABLE : workload.stableVersion();
    String to = from.equals("v2") ? "v3" : "v2";
    if (rolloutInProgress) {
      return Rollout.start("r-1", from, to, PolicyTranslation.rolloutSpec(policy), AT.minus(Duration.ofMinutes(1)))
          .rollout();
    }
    if (rolloutEndedAgo != null) {
      Instant ended = AT.minus(rolloutEndedAgo);
      Rollout started = Rollout.start("r-1", from, to, PolicyTranslation.rolloutSpec(policy),
          ended.minus(Duration.ofMinutes(5))).rollout();
      return new Rollout(started.id(), from, to, started.spec(), RolloutStatus.PROMOTED, 0, started.startedAt(),
          started.stepStartedAt(), ended, started.analysis(), "promoted");
    }
    return null;
  }
}
