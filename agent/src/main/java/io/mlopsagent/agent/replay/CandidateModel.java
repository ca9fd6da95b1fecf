package io.mlopsagent.agent.replay;

import io.mlopsagent.actors.agent.Decisions;
import io.mlopsagent.actors.agent.Decisions.Decision;
import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.agent.ModelState;
import io.mlopsagent.actors.agent.WindowDecisions;
import io.mlopsagent.actors.analysis.AnalysisPhase;
import io.mlopsagent.actors.decide.Plan;
import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.policy.Policy;
import io.mlopsagent.actors.policy.PolicyBook;
import io.mlopsagent.actors.ports.ModelVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One model's recording fed through a candidate policy, event by event, with the same pure step
 * the entity takes ({@link WindowDecisions}). What the candidate decides changes nothing in the
 * recording: it sees the recorded windows whatever it did, learns what the cluster runs from the
 * first recorded workload and then believes its own actions, as the entity does, and gets the
 * registry's answers from {@link RecordedRegistry} at once, in the window that asked. Rollout
 * permits are fleet-wide and are not replayed: the candidate always gets one.
 */
final class CandidateModel {
  private final ModelName model;
  private final PolicyBook policies;
  private final RecordedRegistry registry;
  private final TimeRange range;
  private final VersionWindowFeed feed = new VersionWindowFeed();
  private final List<Decision> decisions = new ArrayList<>();
  private final List<ModelReplay.Note> notes = new ArrayList<>();
  private ModelState state;
  private Instant lastUpgradeCheck;
  private Instant firstAt;
  private Instant lastAt;
  private long windows;
  private int unansweredLookups;
  private Instant firstUnansweredAt;

  CandidateModel(ModelName model, PolicyBook policies, RecordedRegistry registry, TimeRange range, int summaryWindows) {
    this.model = model;
    this.policies = policies;
    this.registry = registry;
    this.range = range;
    this.state = ModelState.empty(summaryWindows);
  }

  /** Takes the next recorded event; answers whether later events are still wanted (not past the range). */
  boolean offer(Object event) {
    if (event instanceof ModelAgent.WindowObserved w) {
      return onWindow(w);
    }
    if (event instanceof ModelAgent.BaselineWarmedUp w) {
      WindowDecisions.warmUp(state, policies.resolve(model, Map.of()), w.history()).forEach(this::apply);
    } else if (event instanceof ModelAgent.WorkloadSynced w && state.workload() == null) {
      // The recorded workload after the first one reflects the recorded actions, not the candidate's.
      apply(w);
    } else if (event instanceof ModelAgent.DataGapRecorded gap) {
      apply(gap);
    }
    // Recorded decisions, their outcomes, operators' answers and policy changes are the recording's own.
    return true;
  }

  private boolean onWindow(ModelAgent.WindowObserved recorded) {
    MetricWindow overall = recorded.windows().overall();
    Instant at = overall.at();
    if (range.after(at)) {
      return false;
    }
    feed.record(recorded.windows());
    Policy policy = policies.resolve(model, state.workload() == null ? Map.of() : state.workload().labels());
    if (range.before(at)) {
      // Before --from the detectors only learn, as from the agent's own warm-up history.
      if (!policy.equals(state.policy())) {
        apply(new ModelAgent.PolicyApplied(policy));
      }
      apply(new ModelAgent.BaselineWarmedUp(List.of(overall)));
      return true;
    }
    observed(at);
    WindowDecisions.Outcome outcome =
        WindowDecisions.onWindow(model, state, policy, feed.next(overall, state.rollout()), plan -> true);
    state = outcome.state();
    confirmActions();
    outcome.decisions().forEach(this::collect);
    Plan.NeedVersions need = outcome.needVersions();
    if (need == null && WindowDecisions.upgradeCheckDue(state, at, lastUpgradeCheck)) {
      lastUpgradeCheck = at;
      need = Plan.NeedVersions.upgradeCheck();
    }
    if (need != null) {
      lookUp(need, at);
    }
    return true;
  }

  private void lookUp(Plan.NeedVersions need, Instant at) {
    if (state.workload() == null) {
      return;
    }
    Optional<List<ModelVersion>> versions =
        registry.versions(state.workload().stableVersion(), state.policy().rollout().optimizedTag());
    if (versions.isEmpty()) {
      unansweredLookups++;
      firstUnansweredAt = firstUnansweredAt == null ? at : firstUnansweredAt;
      return;
    }
    WindowDecisions.withVersions(model, state, need, versions.get(), plan -> true).ifPresent(d -> {
      apply(d);
      confirmActions();
      collect(d);
    });
  }

  /**
   * The candidate's actions happen at once, as the recording's did: a port confirms them, so the
   * next window may act again (the entity allows one unconfirmed action at a time).
   */
  private void confirmActions() {
    if (state.lastActed() != null) {
      apply(new ModelAgent.ActionCompleted(state.lastActed().sequenceNr()));
    }
  }

  private void collect(Decision d) {
    if (d instanceof Decisions.RolloutAborted aborted && feed.starved(aborted.rolloutId())
        && state.rollout() != null && state.rollout().analysis().phase() == AnalysisPhase.ERROR) {
      notes.add(new ModelReplay.Note(d.info().at(), "rollout of " + aborted.version() + " not replayable: the"
          + " recording has too few windows of " + aborted.version() + " beside " + aborted.stableVersion()
          + " to analyse it; its end (an abort on measurement errors) is left out"));
      return;
    }
    decisions.add(d);
  }

  private void apply(ModelAgent.Event e) {
    state = state.apply(e);
  }

  private void observed(Instant at) {
    firstAt = firstAt == null ? at : firstAt;
    lastAt = at;
    windows++;
  }

  /** What the candidate did with the model, once its recording has been read. */
  ModelReplay.Candidate result() {
    List<ModelReplay.Note> all = new ArrayList<>(notes);
    if (unansweredLookups > 0) {
      all.add(new ModelReplay.Note(firstUnansweredAt, unansweredLookups + " registry lookup(s) not replayable:"
          + " the recording never looked into the registry for this model, so what it offered is unknown"));
    }
    if (state.rollout() != null && !state.rollout().isTerminal()) {
      all.add(new ModelReplay.Note(lastAt, "rollout of " + state.rollout().toVersion() + " still "
          + state.rollout().status().name().toLowerCase(java.util.Locale.ROOT) + " when the replay ended"
          + " (operators' answers to paused rollouts are not replayed)"));
    }
    return new ModelReplay.Candidate(decisions, all, windows, firstAt, lastAt);
  }
}
