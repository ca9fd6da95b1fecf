package io.mlopsagent.actors.agent;

import io.mlopsagent.actors.agent.Decisions.Decision;
import io.mlopsagent.actors.decide.DecisionContext;
import io.mlopsagent.actors.decide.Decider;
import io.mlopsagent.actors.decide.Plan;
import io.mlopsagent.actors.detect.DetectionStep;
import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.policy.Policy;
import io.mlopsagent.actors.policy.PolicyMode;
import io.mlopsagent.actors.ports.ModelVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.mlopsagent.actors.learn.DeploymentOutcome;
import io.mlopsagent.actors.learn.PlanningInputs;
import io.mlopsagent.actors.rollout.Transition;
import java.util.function.Predicate;

/**
 * What a model's entity journals for each input, as pure functions of its state: the entity
 * persists and acts on the result, {@code mlops-agent replay} feeds a recording through the same
 * code under another policy. Keeping the step here, apart from the actor, is what makes a replay
 * decide exactly as the agent would.
 */
public final class WindowDecisions {
  private WindowDecisions() {}

  /**
   * One window's events and the state they lead to.
   *
   * @param needVersions the registry lookup a decision still waits for, or {@code null}
   */
  public record Outcome(List<ModelAgent.Event> events, ModelState state, Plan.NeedVersions needVersions) {
    public Outcome {
      events = List.copyOf(events);
    }

    /** The decisions among the events, in journal order. */
    public List<Decision> decisions() {
      List<Decision> decisions = new ArrayList<>();
      for (ModelAgent.Event e : events) {
        if (e instanceof Decision d) {
          decisions.add(d);
        }
      }
      return decisions;
    }
  }

  /**
   * One window (after the latest) under {@code policy}: the policy if it changed, the window, the
   * rollout's progress and the decider's plans that {@code permitted} lets through.
   *
   * @param permitted whether a plan may be journaled now (the fleet-wide rollout permits)
   */
  public static Outcome onWindow(ModelName model, ModelState state, Policy policy, ModelWindows windows,
      Predicate<Plan> permitted) {
    return onWindow(model, state, policy, windows, permitted, PlanningInputs.rulesOnly());
  }

  /**
   * {@link #onWindow(ModelName, ModelState, Policy, ModelWindows, Predicate)}, a rollout planned with
   * {@code planning}: the learner's model and the fleet's load.
   */
  public static Outcome onWindow(ModelName model, ModelState state, Policy policy, ModelWindows windows,
      Predicate<Plan> permitted, PlanningInputs planning) {
    Instant at = windows.overall().at();
    Journal journal = new Journal(model, state, planning);
    if (!policy.equals(state.policy())) {
      journal.add(new ModelAgent.PolicyApplied(policy));
    }
    // Per-version windows are only worth their space while a rollout compares versions.
    ModelWindows kept = journal.state.rolloutInProgress() ? windows : ModelWindows.of(windows.overall());
    ModelState.Observed observed = journal.state.observe(kept);
    journal.add(new ModelAgent.WindowObserved(kept));
    if (observed.rollout() != null) {
      journal.addAll(RolloutDecisions.of(observed.rollout(), policy));
    }
    Plan.NeedVersions needVersions = null;
    boolean actionInFlight = journal.state.lastActed() != null;
    if (!actionInFlight) {
      startScheduled(journal, at, permitted);
    }
    for (Plan plan : Decider.onWindow(context(model, journal.state, observed.step(), at))) {
      if (actionInFlight && !(plan instanceof Plan.Degradation)) {
        // One action at a time: a new one would take the place of the unconfirmed one (a promotion
        // the cluster refused once and is about to get again) and leave users where they were.
        continue;
      }
      if (plan instanceof Plan.NeedVersions need) {
        needVersions = need;
      } else if (permitted.test(plan)) {
        journal.decide(plan, at);
      }
    }
    return new Outcome(journal.events, journal.state, needVersions);
  }

  /**
   * A rollout scheduled for now or earlier starts, unless another is in progress or the budget is
   * spent (then it waits for a later window). Its plan is made again for the moment it starts; it
   * is not put off a second time.
   */
  private static void startScheduled(Journal journal, Instant at, Predicate<Plan> permitted) {
    ModelState s = journal.state;
    DeploymentMemory.Scheduled due = s.deployments().due(at, s.workload(), s.rejectedVersions());
    if (due == null || s.rolloutInProgress() || s.policy().mode() != PolicyMode.ACT) {
      return;
    }
    Plan.StartRollout start = new Plan.StartRollout(due.candidate(), null,
        due.reason() + " (scheduled for " + due.notBefore() + ")", Map.of());
    if (permitted.test(start)) {
      journal.add(RolloutPlanning.decide(journal.model, start, s, at, journal.planning.now()));
    }
  }

  /**
   * The events of an operator's answer to a paused rollout, with the outcome it ends, if any.
   */
  public static List<ModelAgent.Event> resumed(ModelName model, ModelState state, Transition t,
      ModelAgent.RolloutResumed resumed) {
    Journal journal = new Journal(model, state, PlanningInputs.rulesOnly());
    journal.add(resumed);
    RolloutDecisions.of(t, state.policy()).forEach(journal::add);
    return journal.events;
  }

  /** The events of a decision an operator asked for, with the outcome it ends, if any. */
  static List<ModelAgent.Event> byOperator(ModelName model, ModelState state, Decision decision) {
    Journal journal = new Journal(model, state, PlanningInputs.rulesOnly());
    journal.add(decision);
    return journal.events;
  }

  /** The decision the registry's answer leads to, at the latest window, if any and permitted. */
  public static Optional<Decision> withVersions(ModelName model, ModelState state, Plan.NeedVersions need,
      List<ModelVersion> versions, Predicate<Plan> permitted) {
    return withVersions(model, state, need, versions, permitted, PlanningInputs.rulesOnly());
  }

  /** {@link #withVersions(ModelName, ModelState, Plan.NeedVersions, List, Predicate)}, planned with {@code planning}. */
  public static Optional<Decision> withVersions(ModelName model, ModelState state, Plan.NeedVersions need,
      List<ModelVersion> versions, Predicate<Plan> permitted, PlanningInputs planning) {
    Instant at = state.latest().at();
    if (state.lastActed() != null) {
      return Optional.empty(); // one action at a time, as in onWindow
    }
    return Decider.withVersions(context(model, state, null, at), need, versions)
        .filter(permitted)
        .map(plan -> decisionOf(model, plan, state, at, planning));
  }

  private static Decision decisionOf(ModelName model, Plan plan, ModelState s, Instant at, PlanningInputs planning) {
    return plan instanceof Plan.StartRollout start
        ? RolloutPlanning.decide(model, start, s, at, planning)
        : JournalEntries.decisionOf(model, plan, s, at);
  }

  /**
   * The events that teach a model never observed its baselines from past windows; none for a model
   * that already has a history, which is left alone.
   */
  public static List<ModelAgent.Event> warmUp(ModelState state, Policy policy, List<MetricWindow> history) {
    if (state.known() || history.isEmpty()) {
      return List.of();
    }
    return List.of(new ModelAgent.PolicyApplied(policy), new ModelAgent.BaselineWarmedUp(history));
  }

  /**
   * Whether a healthy model acting under a policy that asks for periodic upgrade checks is due one.
   *
   * @param lastCheck when the registry was last checked, {@code null} if never
   */
  public static boolean upgradeCheckDue(ModelState state, Instant at, Instant lastCheck) {
    Duration interval = state.policy().rollout().upgradeCheckInterval();
    if (interval.isZero() || state.policy().mode() == PolicyMode.OBSERVE || state.workload() == null
        || state.rolloutInProgress()
        // A rollout already waits for its moment: the registry is asked again once it has run.
        || state.deployments().pending(state.workload(), state.rejectedVersions()) != null) {
      return false;
    }
    return lastCheck == null || !at.isBefore(lastCheck.plus(interval));
  }

  private static DecisionContext context(ModelName model, ModelState s, DetectionStep step, Instant at) {
    return new DecisionContext(model, at, s.policy(), step, s.workload(), s.rollout(), s.lastPromotion(),
        s.recentActions(), s.lastRetrainAt(), s.rejectedVersions(), s.lastDetected(), s.cpuPeaks().weeklyPeakCores());
  }

  /**
   * Events about to be journaled, with the state they lead to (decisions read it). A decision that
   * ends a deployment is followed by its outcome.
   */
  private static final class Journal {
    final List<ModelAgent.Event> events = new ArrayList<>();
    final ModelName model;
    final PlanningInputs planning;
    ModelState state;

    Journal(ModelName model, ModelState state, PlanningInputs planning) {
      this.model = model;
      this.state = state;
      this.planning = planning;
    }

    void add(ModelAgent.Event e) {
      ModelState before = state;
      events.add(e);
      state = state.apply(e);
      if (e instanceof Decision d) {
        DeploymentOutcome o = DeploymentOutcomes.endedBy(model.value(), d, before.deployments(), state);
        if (o != null) {
          ModelAgent.OutcomeRecorded recorded = new ModelAgent.OutcomeRecorded(o);
          events.add(recorded);
          state = state.apply(recorded);
        }
      }
    }

    void decide(Plan plan, Instant at) {
      add(decisionOf(model, plan, state, at, planning));
    }

    void addAll(List<? extends ModelAgent.Event> es) {
      es.forEach(this::add);
    }
  }
}
