package io.mlopsagent.actors.agent;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.mlopsagent.actors.detect.Signal;
import io.mlopsagent.actors.policy.PolicyMode;
import io.mlopsagent.actors.rollout.Rollout;
import io.mlopsagent.persistence.CborSerializable;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The decision journal: one event per decision, each with when, why, the numbers behind it and
 * the policy that chose it. Tagged {@value #TAG} so the fleet's decisions can be read in one go.
 */
public final class Decisions {
  public static final String TAG = "decision";

  private Decisions() {}

  /**
   * Why and by what a decision was taken.
   *
   * @param inputs metric values, baselines, thresholds and scores the rule looked at
   * @param mode the policy's mode: only {@code act} decisions are carried out
   */
  public record DecisionInfo(Instant at, String reason, Map<String, Double> inputs, String policy, PolicyMode mode)
      implements CborSerializable {
    public DecisionInfo {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(reason, "reason");
      inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
    }

    /** Whether the decision is carried out (the policy acts) or only recorded (recommend). */
    public boolean actuated() {
      return mode == PolicyMode.ACT;
    }
  }

  /** A decision event, as the journal API shows it. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = DegradationDetected.class, name = "degradation_detected"),
    @JsonSubTypes.Type(value = RolloutStarted.class, name = "rollout_started"),
    @JsonSubTypes.Type(value = RolloutScheduled.class, name = "rollout_scheduled"),
    @JsonSubTypes.Type(value = CanaryStepPassed.class, name = "canary_step_passed"),
    @JsonSubTypes.Type(value = RolloutPromoted.class, name = "rollout_promoted"),
    @JsonSubTypes.Type(value = RolloutAborted.class, name = "rollout_aborted"),
    @JsonSubTypes.Type(value = PausedInconclusive.class, name = "paused_inconclusive"),
    @JsonSubTypes.Type(value = RolledBack.class, name = "rolled_back"),
    @JsonSubTypes.Type(value = Scaled.class, name = "scaled"),
    @JsonSubTypes.Type(value = RetrainingRequested.class, name = "retraining_requested")
  })
  public sealed interface Decision extends ModelAgent.Event
      permits DegradationDetected, RolloutStarted, RolloutScheduled, CanaryStepPassed, RolloutPromoted, RolloutAborted,
          PausedInconclusive, RolledBack, Scaled, RetrainingRequested {
    DecisionInfo info();

    /** The type name of the journal API, e.g. {@code rollout_started}. */
    @JsonIgnore
    String type();
  }

  public record DegradationDetected(DecisionInfo info, Signal signal) implements Decision {
    @Override
    @JsonIgnore
    public String type() {
      return "degradation_detected";
    }
  }

  /**
   * A rollout begins; {@code rollout} is its state at the first step.
   *
   * @param plan how the optimizer chose strategy, moment and resources, and why; {@code null} in
   *     journals from before it
   * @param features what the learner will learn this rollout's outcome from; {@code null} as plan
   * @param request the deployment request it serves (CI/CD, an operator); {@code null} when the
   *     agent chose the rollout itself
   */
  public record RolloutStarted(DecisionInfo info, Rollout rollout, io.mlopsagent.actors.learn.DeploymentPlan plan,
      io.mlopsagent.actors.learn.DeploymentFeatures features, DeploymentRequest request) implements Decision {
    public RolloutStarted(DecisionInfo info, Rollout rollout) {
      this(info, rollout, null, null, null);
    }

    public RolloutStarted(DecisionInfo info, Rollout rollout, io.mlopsagent.actors.learn.DeploymentPlan plan,
        io.mlopsagent.actors.learn.DeploymentFeatures features) {
      this(info, rollout, plan, features, null);
    }

    /** CPU each of the new version's pods requests; 0: as the stable version's. */
    public double cpuCores() {
      return plan == null ? 0 : plan.cpuCores();
    }

    @Override
    @JsonIgnore
    public String type() {
      return "rollout_started";
    }
  }

  /**
   * A rollout planned for later: the plan found the fleet's busy hours a worse moment to deploy
   * than {@code plan.startAt()}. Only recorded; the rollout starts at the first window after it.
   */
  public record RolloutScheduled(DecisionInfo info, io.mlopsagent.actors.ports.ModelVersion candidate,
      io.mlopsagent.actors.learn.DeploymentPlan plan) implements Decision {
    @Override
    @JsonIgnore
    public String type() {
      return "rollout_scheduled";
    }
  }

  /**
   * A step passed: a canary's weight, a blue-green preview, or a rolling update's batch (its health
   * gate), under the one journaled name {@code canary_step_passed}.
   *
   * @param nextWeight the candidate's share of traffic (of pods, rolling) for the next step, 0 when
   *     this was the last
   */
  public record CanaryStepPassed(DecisionInfo info, String rolloutId, int step, int weight, int nextWeight)
      implements Decision {
    @Override
    @JsonIgnore
    public String type() {
      return "canary_step_passed";
    }
  }

  public record RolloutPromoted(DecisionInfo info, String rolloutId, String version, String previousVersion)
      implements Decision {
    @Override
    @JsonIgnore
    public String type() {
      return "rollout_promoted";
    }
  }

  public record RolloutAborted(DecisionInfo info, String rolloutId, String version, String stableVersion)
      implements Decision {
    @Override
    @JsonIgnore
    public String type() {
      return "rollout_aborted";
    }
  }

  public record PausedInconclusive(DecisionInfo info, String rolloutId, int step) implements Decision {
    @Override
    @JsonIgnore
    public String type() {
      return "paused_inconclusive";
    }
  }

  public record RolledBack(DecisionInfo info, String fromVersion, String toVersion) implements Decision {
    @Override
    @JsonIgnore
    public String type() {
      return "rolled_back";
    }
  }

  public record Scaled(DecisionInfo info, boolean out, int fromReplicas, int toReplicas, double fromCpuCores,
      double toCpuCores) implements Decision {
    @Override
    @JsonIgnore
    public String type() {
      return out ? "scaled_out" : "scaled_in";
    }
  }

  public record RetrainingRequested(DecisionInfo info) implements Decision {
    @Override
    @JsonIgnore
    public String type() {
      return "retraining_requested";
    }
  }
}
