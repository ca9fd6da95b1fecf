package io.mlopsagent.actors.agent;

import io.mlopsagent.actors.metrics.MetricSummaries;
import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.persistence.CborSerializable;
import java.time.Instant;
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
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * The memory of one model: one sharded, event-sourced entity per model. It records every
 * observation window it is sent, keeps rolling summaries of each metric, and answers status.
 * Decision logic arrives in later steps; it will live in plain classes this actor holds.
 */
public final class ModelAgent
    extends EventSourcedBehaviorWithEnforcedReplies<ModelAgent.Command, ModelAgent.Event, ModelAgent.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "ModelAgent");

  // ---- protocol ----------------------------------------------------------------------------

  public sealed interface Command extends CborSerializable {}

  /** Record one window; answers an error (and records nothing) for a window not after the latest. */
  public record Observe(ModelWindows windows, ActorRef<StatusReply<Done>> replyTo) implements Command {
    public MetricWindow window() {
      return windows.overall();
    }
  }

  public record GetStatus(ActorRef<Status> replyTo) implements Command {}

  public sealed interface Event extends CborSerializable {}

  public record WindowObserved(MetricWindow window) implements Event {}

  /** What the entity knows of its model. {@code eventCount == 0} means it was never observed. */
  public record Status(
      String name, long eventCount, Instant firstObservedAt, MetricWindow latest, MetricSummaries summaries)
      implements CborSerializable {

    public boolean known() {
      return eventCount > 0;
    }
  }

  public record State(long eventCount, Instant firstObservedAt, MetricWindow latest, MetricSummaries summaries)
      implements CborSerializable {

    static State empty(int summaryWindows) {
      return new State(0, null, null, MetricSummaries.empty(summaryWindows));
    }

    State withWindow(MetricWindow window) {
      return new State(
          eventCount + 1,
          firstObservedAt == null ? window.at() : firstObservedAt,
          window,
          summaries.with(window));
    }

    boolean isAfterLatest(Instant at) {
      return latest == null || at.isAfter(latest.at());
    }
  }

  // ---- wiring ------------------------------------------------------------------------------

  /** Registers the entity type with sharding on this node. */
  public static void init(ActorSystem<?> system) {
    ModelAgentSettings settings =
        ModelAgentSettings.fromConfig(system.settings().config().getConfig("mlops.agent"));
    ClusterSharding.get(system)
        .init(Entity.of(ENTITY_KEY, ctx -> create(ModelName.of(ctx.getEntityId()), settings)));
  }

  public static Behavior<Command> create(ModelName model, ModelAgentSettings settings) {
    return Behaviors.setup(ctx -> new ModelAgent(ctx, model, settings));
  }

  public static PersistenceId persistenceId(ModelName model) {
    return PersistenceId.of(ENTITY_KEY.name(), model.value());
  }

  private final ActorContext<Command> context;
  private final ModelName model;
  private final ModelAgentSettings settings;

  private ModelAgent(ActorContext<Command> context, ModelName model, ModelAgentSettings settings) {
    super(
        persistenceId(model),
        SupervisorStrategy.restartWithBackoff(settings.minBackoff(), settings.maxBackoff(), 0.2));
    this.context = context;
    this.model = model;
    this.settings = settings;
  }

  @Override
  public State emptyState() {
    return State.empty(settings.summaryWindows());
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), settings.keepSnapshots());
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Observe.class, this::onObserve)
        .onCommand(GetStatus.class, this::onGetStatus)
        .build();
  }

  private ReplyEffect<Event, State> onObserve(State state, Observe cmd) {
    if (!state.isAfterLatest(cmd.window().at())) {
      context.getLog().debug("{}: window at {} is not after the latest ({}), not recorded",
          model, cmd.window().at(), state.latest().at());
      return Effect().reply(cmd.replyTo(), StatusReply.error(
          "window at " + cmd.window().at() + " is not after the latest window at " + state.latest().at()));
    }
    return Effect()
        .persist(new WindowObserved(cmd.window()))
        .thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<Event, State> onGetStatus(State state, GetStatus cmd) {
    return Effect().reply(cmd.replyTo(), statusOf(state));
  }

  private Status statusOf(State state) {
    return new Status(model.value(), state.eventCount(), state.firstObservedAt(), state.latest(), state.summaries());
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(WindowObserved.class, (state, event) -> state.withWindow(event.window()))
        .build();
  }
}
