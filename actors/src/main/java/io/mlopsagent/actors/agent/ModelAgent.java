package io.mlopsagent.actors.agent;

import io.mlopsagent.actors.agent.Decisions.Decision;
import io.mlopsagent.actors.decide.Decider;
import io.mlopsagent.actors.decide.Plan;
import io.mlopsagent.actors.detect.DataGap;
import io.mlopsagent.actors.metrics.MetricSummaries;
import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.policy.Policy;
import io.mlopsagent.actors.ports.ModelVersion;
import io.mlopsagent.actors.ports.Workload;
import io.mlopsagent.persistence.CborSerializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The memory and the hands of one model: one sharded, event-sourced entity per model. Each window
 * goes through the model's detectors and any rollout in progress; the {@link Decider} says what to
 * do; every decision is journaled with its reasons before the entity acts through the ports.
 */
public final class ModelAgent
    extends EventSourcedBehaviorWithEnforcedReplies<ModelAgent.Command, ModelAgent.Event, ModelState> {

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "ModelAgent");

  // ---- protocol ----------------------------------------------------------------------------

  public sealed interface Command extends CborSerializable {}

  /** Record one window; answers an error (and records a data gap) for a window not after the latest. */
  public record Observe(ModelWindows windows, ActorRef<StatusReply<Done>> replyTo) implements Command {
    public MetricWindow window() {
      return windows.overall();
    }
  }

  public record GetStatus(ActorRef<Status> replyTo) implements Command {}

  /** What the optimizer would plan if the model's rollout started now, and why. */
  public record GetPlan(ActorRef<StatusReply<PlanView>> replyTo) implements Command {}

  record PlanVersionsFetched(List<ModelVersion> versions, String error, ActorRef<StatusReply<PlanView>> replyTo)
      implements Command {}

  /**
   * Past windows to learn baselines from, for a model the entity has never observed: answers how
   * many windows were learned (0 for a model that already has a history, which is left alone).
   */
  public record WarmUp(List<MetricWindow> history, ActorRef<StatusReply<Integer>> replyTo) implements Command {}

  /** An operator's answer to a rollout paused on an inconclusive analysis. */
  public record Resume(io.mlopsagent.actors.rollout.Decision decision, ActorRef<StatusReply<String>> replyTo)
      implements Command {}

  /**
   * An operator rolls the model back to the version its newest promotion replaced; answers the
   * version served after, or why not.
   */
  public record RollBack(String by, String reason, ActorRef<StatusReply<String>> replyTo) implements Command {}

  /** A deployment asked for from outside (CI/CD): planned by the optimizer, run like any rollout. */
  public record Deploy(DeploymentRequest request, ActorRef<DeployAnswer> replyTo) implements Command {}

  /**
   * The answer to {@link Deploy}: the rollout started, or why none was.
   *
   * @param refusal null when started; else {@code conflict} (the model's state forbids it now),
   *     {@code invalid} (the request names what does not exist) or {@code unavailable} (the
   *     registry did not answer)
   */
  public record DeployAnswer(Decisions.RolloutStarted started, String refusal, String message)
      implements CborSerializable {}

  record DeployVersionsFetched(Deploy deploy, List<ModelVersion> versions, String error) implements Command {}

  /** The registry's answer; {@code observed} is the window's sender, answered once it is decided on. */
  record VersionsFetched(Plan.NeedVersions need, List<ModelVersion> versions, String error,
      ActorRef<StatusReply<Done>> observed) implements Command {}

  record WorkloadFetched(Workload workload, String error) implements Command {}

  record ActuationFailed(long sequenceNr, String decisionType, String error) implements Command {}

  /** The port carried out the action of decision {@code sequenceNr}; {@code workload} is what runs now, if it said. */
  record ActuationDone(long sequenceNr, Workload workload) implements Command {}

  public sealed interface Event extends CborSerializable
      permits WindowObserved, BaselineWarmedUp, DataGapRecorded, PolicyApplied, WorkloadSynced, ActionFailed,
          ActionCompleted, RolloutResumed, OutcomeRecorded, Decision {}

  /**
   * A rollout ended (promoted, aborted, or rolled back after its promotion): what the learner
   * learns from. Tagged {@value #OUTCOME_TAG}, so the learner reads every model's in one stream.
   */
  public record OutcomeRecorded(io.mlopsagent.actors.learn.DeploymentOutcome outcome) implements Event {}

  /** The tag of {@link OutcomeRecorded} events. */
  public static final String OUTCOME_TAG = "deployment-outcome";

  /** One window; per-version windows are kept only while a rollout needs them. */
  public record WindowObserved(ModelWindows windows) implements Event {}

  /** Past windows (from the metrics source's history) that the detectors learned from before the first live one. */
  public record BaselineWarmedUp(List<MetricWindow> history) implements Event {}

  /** A window that could not be used at all (it was not after the latest). */
  public record DataGapRecorded(DataGap gap) implements Event {}

  /** The policy in force changed (first window, policy reload, or a new override matching). */
  public record PolicyApplied(Policy policy) implements Event {}

  /** What the cluster runs, as learned from it. */
  public record WorkloadSynced(Workload workload) implements Event {}

  /** An operator answered a paused rollout. */
  public record RolloutResumed(io.mlopsagent.actors.rollout.Decision decision, Instant at) implements Event {}

  /** The port carried out the action of the decision with this sequence number. */
  public record ActionCompleted(long sequenceNr) implements Event {}

  /** The port refused or failed an action; the decision stands, its effect did not happen. */
  public record ActionFailed(String actionId, String decisionType, String error) implements Event {}

  /** What the entity knows of its model. */
  public record Status(String name, ModelState state) implements CborSerializable {
    public long eventCount() {
      return state.eventCount();
    }

    public Instant firstObservedAt() {
      return state.firstObservedAt();
    }

    public MetricWindow latest() {
      return state.latest();
    }

    public MetricSummaries summaries() {
      return state.summaries();
    }

    public boolean known() {
      return state.known();
    }
  }

  // ---- wiring ------------------------------------------------------------------------------

  /** Registers the entity type with sharding on this node. */
  public static void init(ActorSystem<?> system, ModelAgentPorts ports) {
    ModelAgentSettings settings =
        ModelAgentSettings.fromConfig(system.settings().config().getConfig("mlops.agent"));
    ClusterSharding.get(system)
        .init(Entity.of(ENTITY_KEY, ctx -> create(ModelName.of(ctx.getEntityId()), settings, ports)));
  }

  public static Behavior<Command> create(ModelName model, ModelAgentSettings settings, ModelAgentPorts ports) {
    return Behaviors.setup(ctx -> new ModelAgent(ctx, model, settings, ports));
  }

  public static PersistenceId persistenceId(ModelName model) {
    return PersistenceId.of(ENTITY_KEY.name(), model.value());
  }

  private final ActorContext<Command> context;
  private final ModelName model;
  private final ModelAgentSettings settings;
  private final ModelAgentPorts ports;
  // Not persisted: what this incarnation is waiting for, so it does not ask twice.
  private boolean fetchingVersions;
  private boolean fetchingWorkload;
  // After the cluster could not say what runs, wait this many windows before asking again.
  private int windowsBeforeWorkloadRetry;
  // When the registry was last checked for a better version (rollout.upgrade-check-interval).
  private Instant lastUpgradeCheck;
  private static final int WORKLOAD_RETRY_WINDOWS = 30;
  private final ModelActions actions;
  private final RolloutGate gate;
  private final OperatorRequests operator;

  private ModelAgent(ActorContext<Command> context, ModelName model, ModelAgentSettings settings, ModelAgentPorts ports) {
    super(persistenceId(model),
        SupervisorStrategy.restartWithBackoff(settings.minBackoff(), settings.maxBackoff(), 0.2));
    this.context = context;
    this.model = model;
    this.settings = settings;
    this.ports = ports;
    this.actions = new ModelActions(model, context,
        new Actuation(model, ports.cluster(), ports.registry(), ports.retraining()), Effect());
    this.gate = new RolloutGate(model, ports, context.getLog());
    this.operator = new OperatorRequests(model, context, ports, gate, Effect(),
        (state, events) -> afterJournal(state, events, null, null));
  }

  @Override
  public ModelState emptyState() {
    return ModelState.empty(settings.summaryWindows());
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return settings.retention();
  }

  @Override
  public Set<String> tagsFor(Event event) {
    if (event instanceof Decision) {
      return Set.of(Decisions.TAG);
    }
    return event instanceof OutcomeRecorded ? Set.of(OUTCOME_TAG) : Set.of();
  }

  @Override
  public SignalHandler<ModelState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> {
          if (state.rolloutInProgress()) {
            ports.permits().hold(model);
          }
          // A crash may have come between journaling a decision and acting on it: act again. The
          // action id is the same, so a cluster that already did it does nothing.
          if (state.lastActed() != null) {
            actions.perform(state.lastActed().sequenceNr(), state.lastActed().decision(), state);
          }
        })
        // A stopped entity (passivated, or its node leaving) gives its permit back; recovery takes
        // it again if its rollout is still in progress.
        .onSignal(org.apache.pekko.actor.typed.PostStop.class, (state, signal) -> ports.permits().release(model))
        .build();
  }

  @Override
  public CommandHandlerWithReply<Command, Event, ModelState> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Observe.class, this::onObserve)
        .onCommand(GetStatus.class, (state, cmd) -> Effect().reply(cmd.replyTo(), new Status(model.value(), state)))
        .onCommand(Resume.class, operator::onResume)
        .onCommand(RollBack.class, operator::onRollBack)
        .onCommand(Deploy.class, operator::onDeploy)
        .onCommand(DeployVersionsFetched.class, operator::onDeployVersionsFetched)
        .onCommand(GetPlan.class, (state, cmd) -> {
          context.pipeToSelf(ports.registry().versions(model), (versions, error) -> new PlanVersionsFetched(
              versions, error == null ? null : String.valueOf(error.getMessage()), cmd.replyTo()));
          return Effect().noReply();
        })
        .onCommand(PlanVersionsFetched.class, (state, cmd) -> Effect().reply(cmd.replyTo(), gate.preview(state, cmd)))
        .onCommand(WarmUp.class, this::onWarmUp)
        .onCommand(VersionsFetched.class, this::onVersionsFetched)
        .onCommand(WorkloadFetched.class, this::onWorkloadFetched)
        .onCommand(ActuationFailed.class, actions::onFailed)
        .onCommand(ActuationDone.class, actions::onDone)
        .build();
  }

  @Override
  public EventHandler<ModelState, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(ModelState::apply);
  }

  // ---- observing and deciding ---------------------------------------------------------------

  private ReplyEffect<Event, ModelState> onObserve(ModelState state, Observe cmd) {
    Instant at = cmd.window().at();
    if (!state.isAfterLatest(at)) {
      return Effect().persist(new DataGapRecorded(JournalEntries.outOfOrder(cmd.window())))
          .thenReply(cmd.replyTo(), s -> StatusReply.error("window at " + at
              + " is not after the latest window at " + state.latest().at() + ": recorded as a data gap"));
    }
    Policy policy = ports.policies().get().resolve(model,
        state.workload() == null ? Map.of() : state.workload().labels());
    WindowDecisions.Outcome outcome = WindowDecisions.onWindow(model, state, policy, cmd.windows(),
        plan -> gate.permitted(plan, policy), gate.planning());
    Plan.NeedVersions needVersions = outcome.needVersions();
    if (needVersions == null && upgradeCheckDue(outcome.state(), at)) {
      needVersions = Plan.NeedVersions.upgradeCheck();
    }
    Plan.NeedVersions lookup = needVersions;
    List<Event> events = outcome.events();
    if (lookup != null && !fetchingVersions) {
      // The window is answered once the registry has answered and what it leads to is journaled
      // and issued: a poller then knows that everything this window decided has happened, and a
      // simulation stays in step whatever the scheduling of the registry's answer.
      return Effect().persist(events)
          .thenRun(s -> afterJournal(s, events, lookup, cmd.replyTo()))
          .thenNoReply();
    }
    return Effect().persist(events)
        .thenRun(s -> afterJournal(s, events, lookup, null))
        .thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<Event, ModelState> onWarmUp(ModelState state, WarmUp cmd) {
    if (state.known() || cmd.history().isEmpty()) {
      return Effect().reply(cmd.replyTo(), StatusReply.success(0));
    }
    Policy policy = ports.policies().get().resolve(model, Map.of());
    List<Event> events = WindowDecisions.warmUp(state, policy, cmd.history());
    context.getLog().info("{}: baselines warmed up on {} past windows", model, cmd.history().size());
    return Effect().persist(events).thenReply(cmd.replyTo(), s -> StatusReply.success(cmd.history().size()));
  }

  private ReplyEffect<Event, ModelState> onVersionsFetched(ModelState state, VersionsFetched cmd) {
    fetchingVersions = false;
    if (cmd.error() != null) {
      context.getLog().warn("{}: registry did not answer ({}); nothing decided", model, cmd.error());
      return acknowledge(cmd.observed());
    }
    return WindowDecisions.withVersions(model, state, cmd.need(), cmd.versions(),
            plan -> gate.permitted(plan, state.policy()), gate.planning())
        .<ReplyEffect<Event, ModelState>>map(d -> cmd.observed() == null
            ? Effect().persist(d).thenRun(s -> afterJournal(s, List.of(d), null, null)).thenNoReply()
            : Effect().persist(d).thenRun(s -> afterJournal(s, List.of(d), null, null))
                .thenReply(cmd.observed(), s -> StatusReply.ack()))
        .orElseGet(() -> acknowledge(cmd.observed()));
  }

  private ReplyEffect<Event, ModelState> acknowledge(ActorRef<StatusReply<Done>> observed) {
    return observed == null ? Effect().noReply() : Effect().reply(observed, StatusReply.ack());
  }

  private ReplyEffect<Event, ModelState> onWorkloadFetched(ModelState state, WorkloadFetched cmd) {
    fetchingWorkload = false;
    if (cmd.error() != null || cmd.workload() == null) {
      windowsBeforeWorkloadRetry = WORKLOAD_RETRY_WINDOWS;
      if (cmd.error() != null) {
        context.getLog().warn("{}: cannot learn its workload ({}); observing only", model, cmd.error());
      } else {
        context.getLog().debug("{}: the cluster runs no workload for it; observing only", model);
      }
      return Effect().noReply();
    }
    if (state.lastActed() != null) {
      // Read while an action was on its way (a promotion being retried, say): it may predate that
      // action, and an upgrade check on it would roll out again what was just promoted. The
      // action's answer says what runs; failing that, the next window reads again.
      return Effect().noReply();
    }
    return cmd.workload().equals(state.workload()) ? Effect().noReply()
        : Effect().persist(new WorkloadSynced(cmd.workload())).thenNoReply();
  }

  /** Whether an upgrade check is due now; remembers it as done when it is. */
  private boolean upgradeCheckDue(ModelState state, Instant at) {
    if (!WindowDecisions.upgradeCheckDue(state, at, lastUpgradeCheck)) {
      return false;
    }
    lastUpgradeCheck = at;
    return true;
  }

  /** After events are journaled: act on the decisions, then fetch what the next decisions need. */
  private void afterJournal(ModelState state, List<Event> events, Plan.NeedVersions needVersions,
      ActorRef<StatusReply<Done>> observed) {
    long firstSeq = state.eventCount() - events.size() + 1;
    if (!state.rolloutInProgress()) {
      ports.permits().release(model);
    }
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i) instanceof Decision d) {
        // One line per decision; in JSON logs the model, the decision and the mode are fields too.
        org.slf4j.MDC.put("model", model.value());
        org.slf4j.MDC.put("decision", d.type());
        org.slf4j.MDC.put("mode", d.info().mode().word());
        try {
          context.getLog().info("{}: {} ({}): {}", model, d.type(), d.info().mode().word(), d.info().reason());
        } finally {
          org.slf4j.MDC.remove("model");
          org.slf4j.MDC.remove("decision");
          org.slf4j.MDC.remove("mode");
        }
        ports.listener().decided(model, d, state);
        actions.perform(firstSeq + i, d, state);
      }
    }
    actions.retryDue(state);
    if (state.workload() == null && !fetchingWorkload && windowsBeforeWorkloadRetry-- <= 0) {
      fetchingWorkload = true;
      context.pipeToSelf(ports.cluster().workload(model), (w, error) ->
          new WorkloadFetched(w == null ? null : w.orElse(null), error == null ? null : String.valueOf(error.getMessage())));
    }
    if (needVersions != null && !fetchingVersions) {
      fetchingVersions = true;
      context.pipeToSelf(ports.registry().versions(model), (versions, error) ->
          new VersionsFetched(needVersions, versions, error == null ? null : String.valueOf(error.getMessage()),
              observed));
    }
  }

}
