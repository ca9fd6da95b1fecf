package io.mlopsagent.actors.agent;

import io.mlopsagent.actors.agent.Decisions.Decision;
import io.mlopsagent.actors.agent.Decisions.DecisionInfo;
import io.mlopsagent.actors.decide.Plan;
import io.mlopsagent.actors.decide.PolicyTranslation;
import io.mlopsagent.actors.learn.DeploymentFeatures;
import io.mlopsagent.actors.learn.DeploymentOptimizer;
import io.mlopsagent.actors.learn.DeploymentPlan;
import io.mlopsagent.actors.learn.PlanRequest;
import io.mlopsagent.actors.learn.PlanningInputs;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.policy.Policy;
import io.mlopsagent.actors.policy.PolicyMode;
import io.mlopsagent.actors.policy.RolloutStrategy;
import io.mlopsagent.actors.rollout.Rollout;
import io.mlopsagent.actors.rollout.RolloutSpec;
import io.mlopsagent.actors.rollout.Strategy;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a rollout the decider wants is carried out: the optimizer's plan (strategy, moment, CPU)
 * turned into the decision that starts it, or into one that schedules it for later. Pure.
 */
final class RolloutPlanning {
  private RolloutPlanning() {}

  /** A plan and the deployment it was made for (as the policy alone would make it). */
  record Planned(DeploymentFeatures features, DeploymentPlan plan) {}

  /**
   * The plan for rolling {@code candidate} out at {@code at}.
   *
   * @param urgent a degradation asks for it: it is not put off
   */
  static Planned plan(io.mlopsagent.actors.ports.ModelVersion candidate, boolean urgent, ModelState s, Instant at,
      PlanningInputs inputs) {
    Policy p = s.policy();
    DeploymentFeatures features = features(candidate, s, at, inputs);
    boolean acting = p.mode() == PolicyMode.ACT;
    PlanRequest request = new PlanRequest(features, at, urgent, policyWeights(p),
        s.deployments().cpuUsage().recommend(at), inputs.fleet(), p.scaling().maxCpu(),
        // A recommendation is read now or never: it is not put off.
        acting ? inputs.maxDelay() : java.time.Duration.ZERO, p.rollout().rollingBatches(),
        stepSeconds(p, Strategy.CANARY, s), stepSeconds(p, Strategy.ROLLING, s));
    return new Planned(features, DeploymentOptimizer.plan(request, inputs.model()));
  }

  /** A {@code rollout_started} or {@code rollout_scheduled} decision for {@code start}. */
  static Decision decide(ModelName model, Plan.StartRollout start, ModelState s, Instant at, PlanningInputs inputs) {
    Policy p = s.policy();
    Planned planned = plan(start.candidate(), start.trigger() != null, s, at, inputs);
    DeploymentFeatures features = planned.features();
    DeploymentPlan plan = planned.plan();
    Map<String, Double> numbers = new LinkedHashMap<>(start.inputs());
    finite(numbers, "predictedDurationSeconds", plan.predicted().durationSeconds());
    finite(numbers, "predictedFailureRisk", plan.predicted().failureRisk());
    numbers.put("planCpuCores", plan.cpuCores());
    if (plan.delayed()) {
      DecisionInfo info = new DecisionInfo(at, start.reason() + "; " + plan.startPart().reason(), numbers, p.name(),
          p.mode());
      return new Decisions.RolloutScheduled(info, start.candidate(), plan);
    }
    RolloutSpec spec = PolicyTranslation.rolloutSpec(p, plan.strategy(), plan.canaryWeights());
    Rollout rollout = Rollout.start(model + "-r" + (s.eventCount() + 1), s.workload().stableVersion(),
        start.candidate().version(), spec, at).rollout();
    DecisionInfo info = new DecisionInfo(at, start.reason() + "; plan: " + summary(plan), numbers, p.name(), p.mode());
    return new Decisions.RolloutStarted(info, rollout, plan,
        features.withPlan(plan.strategy(), spec.stepCount(), plan.cpuCores())
            .withAnalysisSecondsPerStep(stepSeconds(p, plan.strategy(), s)));
  }

  /**
   * The {@code rollout_started} decision for a deployment asked for from outside: planned as any
   * urgent rollout (it is not put off: the pipeline chose the moment), with the strategy asked
   * for, if any, in place of the plan's.
   */
  static Decision requested(ModelName model, DeploymentRequest request, io.mlopsagent.actors.ports.ModelVersion candidate,
      ModelState s, Instant at, PlanningInputs inputs) {
    Policy p = s.policy();
    Planned planned = plan(candidate, true, s, at, inputs);
    DeploymentPlan plan = planned.plan().startingNow("requested by " + request.requestedBy()
        + ": whoever asks for a deployment chooses its moment");
    if (request.strategy() != null) {
      plan = plan.withStrategy(request.strategy(), askedWeights(request.strategy(), plan, p),
          "asked for by " + request.requestedBy());
    }
    RolloutSpec spec = PolicyTranslation.rolloutSpec(p, plan.strategy(), plan.canaryWeights());
    Rollout rollout = Rollout.start(model + "-r" + (s.eventCount() + 1), s.workload().stableVersion(),
        candidate.version(), spec, at).rollout();
    Map<String, Double> numbers = new LinkedHashMap<>();
    finite(numbers, "predictedDurationSeconds", plan.predicted().durationSeconds());
    finite(numbers, "predictedFailureRisk", plan.predicted().failureRisk());
    numbers.put("planCpuCores", plan.cpuCores());
    String why = "deployment of version " + candidate.version() + " to " + request.environment() + " requested by "
        + request.requestedBy() + (request.reason().isEmpty() ? "" : " (" + request.reason() + ")");
    DecisionInfo info = new DecisionInfo(at, why + "; plan: " + summary(plan), numbers, p.name(), p.mode());
    return new Decisions.RolloutStarted(info, rollout, plan,
        planned.features().withPlan(plan.strategy(), spec.stepCount(), plan.cpuCores())
            .withAnalysisSecondsPerStep(stepSeconds(p, plan.strategy(), s)), request);
  }

  /**
   * The steps of a strategy someone asked for: a rolling update's batches come from the policy's
   * max surge; a canary takes the plan's weights if it planned a canary, else the policy's, else
   * the careful 10/50/100.
   */
  private static List<Integer> askedWeights(Strategy asked, DeploymentPlan plan, Policy p) {
    if (asked == Strategy.ROLLING) {
      return p.rollout().rollingBatches();
    }
    return plan.strategy() == Strategy.CANARY ? plan.canaryWeights()
        : p.rollout().strategy() == RolloutStrategy.CANARY ? p.rollout().canarySteps() : List.of(10, 50, 100);
  }

  /** The deployment as the policy alone would make it, now. */
  static DeploymentFeatures features(io.mlopsagent.actors.ports.ModelVersion candidate, ModelState s, Instant at,
      PlanningInputs inputs) {
    Policy p = s.policy();
    ZonedDateTime utc = at.atZone(ZoneOffset.UTC);
    RolloutSpec spec = PolicyTranslation.rolloutSpec(p);
    return new DeploymentFeatures(candidate.sizeMb(), candidate.complexity(),
        s.latest() == null ? Double.NaN : s.latest().accuracy(),
        s.latest() == null ? Double.NaN : s.latest().latencyP95Seconds(),
        s.workload().replicas(), s.workload().cpuCores(), utc.getHour(), utc.getDayOfWeek().getValue(),
        inputs.fleetLoad(), inputs.concurrentRollouts(), spec.strategy(), spec.stepCount(),
        stepSeconds(p, spec.strategy(), s));
  }

  /** How long a step of {@code strategy} takes to check under the policy: its readings times the window. */
  private static double stepSeconds(Policy p, Strategy strategy, ModelState s) {
    int readings = strategy == Strategy.ROLLING ? 1 : p.rollout().measurementsPerStep();
    return readings * s.deployments().windowSeconds();
  }

  private static List<Integer> policyWeights(Policy p) {
    return p.rollout().strategy() == RolloutStrategy.CANARY ? p.rollout().canarySteps() : List.of();
  }

  private static String summary(DeploymentPlan plan) {
    return DeploymentPlan.describe(plan.strategy(), plan.canaryWeights()) + " at " + plan.cpuCores() + " cores a replica (" + plan.basis() + ")";
  }

  private static void finite(Map<String, Double> inputs, String key, double value) {
    if (Double.isFinite(value)) {
      inputs.put(key, value);
    }
  }
}
