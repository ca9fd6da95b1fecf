package io.mlopsagent.actors.learn;

import io.mlopsagent.actors.policy.LearnerPolicy;
import io.mlopsagent.persistence.CborSerializable;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * The fleet's learner, one per cluster (a singleton): reads every deployment outcome from the
 * journal's outcome stream, keeps the newest as its training set, retrains when enough is new, and
 * promotes a challenger only when it beats the champion on held-out outcomes. Event-sourced: the
 * champion's bytes are journaled, so a restart restores the model rather than retraining. Fits run
 * off the actor's thread; the actor publishes each champion to this node's {@link FleetLearning}.
 */
public final class Learner extends EventSourcedBehavior<Learner.Command, Learner.Event, LearnerState> {

  public static final PersistenceId PERSISTENCE_ID = PersistenceId.ofUniqueId("Learner");

  public sealed interface Command extends CborSerializable {}

  /** One outcome from the stream; answered once journaled, which paces the stream. */
  public record Learn(DeploymentOutcome outcome, long offset, ActorRef<Done> replyTo) implements Command {}

  /** What the admin API shows. */
  public record GetStatus(ActorRef<LearnerStatus> replyTo) implements Command {}

  /** @param consumed the outcomes learned since the previous training when this one started */
  record Fitted(Retraining.Result result, String error, int consumed) implements Command {}

  public sealed interface Event extends CborSerializable {}

  public record OutcomeLearned(DeploymentOutcome outcome, long offset) implements Event {}

  /**
   * A training; {@code champion} is set only when the challenger was promoted.
   *
   * @param consumed the new outcomes it trained on (others may have arrived while it ran)
   */
  public record ModelTrained(LearnerState.Training training, LearnerState.Champion champion, int consumed)
      implements Event {}

  /** A learner retraining as the configuration says ({@code mlops.learner.*}), whatever the policies. */
  public static Behavior<Command> create(LearnerSettings settings, PredictorTrainer trainer, OutcomeFeed feed,
      FleetLearning board) {
    return create(settings, () -> LearnerPolicy.UNSET, trainer, feed, board, champion -> { });
  }

  /**
   * A learner that also hands its champion to {@code broadcast} after recovery and every training,
   * for the other nodes ({@link LearnedModelBroadcast}).
   *
   * @param policy the learner settings of the policies in force ({@code policies.learner}), asked
   *     at every check of whether a training is due, so a reloaded policies file changes the next
   *     decision without restarting the singleton; a value it leaves unset comes from {@code settings}
   */
  public static Behavior<Command> create(LearnerSettings settings, Supplier<LearnerPolicy> policy,
      PredictorTrainer trainer, OutcomeFeed feed, FleetLearning board,
      java.util.function.Consumer<LearnerState.Champion> broadcast) {
    return Behaviors.<Command>supervise(Behaviors.setup(ctx ->
            new Learner(ctx, settings, policy, trainer, feed, board, broadcast)))
        .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2));
  }

  private final ActorContext<Command> context;
  private final LearnerSettings settings;
  private final Supplier<LearnerPolicy> policy;
  private final PredictorTrainer trainer;
  private final OutcomeFeed feed;
  private final FleetLearning board;
  private final java.util.function.Consumer<LearnerState.Champion> broadcast;
  private final Executor blocking;
  // Not persisted: the live champion (restored from its bytes), and whether a fit is running.
  private OutcomePredictor champion;
  private boolean fitting;
  private UniqueKillSwitch reading;

  private Learner(ActorContext<Command> context, LearnerSettings settings, Supplier<LearnerPolicy> policy,
      PredictorTrainer trainer, OutcomeFeed feed, FleetLearning board,
      java.util.function.Consumer<LearnerState.Champion> broadcast) {
    super(PERSISTENCE_ID);
    this.context = context;
    this.settings = settings;
    this.policy = policy;
    this.trainer = trainer;
    this.feed = feed;
    this.board = board;
    this.broadcast = broadcast;
    this.blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
  }

  @Override
  public LearnerState emptyState() {
    return LearnerState.empty();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    // The champion's bytes ride in the events: old ones go once a snapshot holds the state.
    return RetentionCriteria.snapshotEvery(200, 2).withDeleteEventsOnSnapshot();
  }

  @Override
  public SignalHandler<LearnerState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> {
          restore(state);
          startReading(state.offset());
          trainIfDue(state);
        })
        .onSignal(org.apache.pekko.actor.typed.PostStop.class, (state, signal) -> {
          if (reading != null) {
            reading.shutdown();
          }
        })
        .build();
  }

  @Override
  public CommandHandler<Command, Event, LearnerState> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(Learn.class, this::onLearn)
        .onCommand(GetStatus.class, (state, cmd) -> Effect().none()
            .thenRun(s -> cmd.replyTo().tell(LearnerStatus.of(s, board.model(), fitting, trainer.library(), settings))))
        .onCommand(Fitted.class, this::onFitted)
        .build();
  }

  @Override
  public EventHandler<LearnerState, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(OutcomeLearned.class, (state, e) -> state.learned(e.outcome(), e.offset(), settings.trainingSetSize()))
        .onEvent(ModelTrained.class, (state, e) -> state.trained(e.training(), e.champion(), e.consumed()))
        .build();
  }

  private Effect<Event, LearnerState> onLearn(LearnerState state, Learn cmd) {
    if (cmd.offset() <= state.offset()) {
      // Read again after a restart of the stream: already learned.
      return Effect().none().thenRun(s -> cmd.replyTo().tell(Done.getInstance()));
    }
    return Effect().persist(new OutcomeLearned(cmd.outcome(), cmd.offset()))
        .thenRun(s -> {
          cmd.replyTo().tell(Done.getInstance());
          trainIfDue(s);
        });
  }

  private Effect<Event, LearnerState> onFitted(LearnerState state, Fitted cmd) {
    fitting = false;
    if (cmd.error() != null) {
      context.getLog().warn("learner: training failed ({}); the champion stays", cmd.error());
      return Effect().none();
    }
    Retraining.Result r = cmd.result();
    LearnerState.Champion promoted = r.training().promoted() ? r.champion(
        state.champion() == null ? 1 : state.champion().version() + 1, trainer.library()) : null;
    return Effect().persist(new ModelTrained(r.training(), promoted, cmd.consumed()))
        .thenRun(s -> {
          context.getLog().info("learner: {}", r.training().reason());
          if (promoted != null) {
            champion = r.challenger();
          }
          publish(s);
          trainIfDue(s);
        });
  }

  private void trainIfDue(LearnerState state) {
    // A journaled champion this version cannot read (an older format) is replaced from the
    // training set at once, not after the next K outcomes, so plans do not fall back for days.
    boolean unreadable = state.champion() != null && champion == null
        && state.outcomes().size() >= LearnedModel.MIN_OUTCOMES;
    if (fitting) {
      return;
    }
    // Asked now, not at start: the policies file may have been reloaded since the last check.
    LearnerPolicy inForce = policy.get();
    if (!(unreadable || state.trainingDue(LearnedModel.MIN_OUTCOMES,
        inForce.retrainEveryOutcomesOr(settings.retrainEveryOutcomes()),
        inForce.retrainEveryOr(settings.retrainEvery())))) {
      return;
    }
    fitting = true;
    OutcomePredictor current = champion;
    long seed = settings.seed() + state.trainings().size();
    int consumed = state.sinceTraining();
    context.pipeToSelf(CompletableFuture.supplyAsync(
            () -> Retraining.run(trainer, state.outcomes(), current, seed, state.observedUntil()), blocking),
        (result, error) -> new Fitted(result, error == null ? null : String.valueOf(error.getMessage()), consumed));
  }

  private void restore(LearnerState state) {
    if (state.champion() != null) {
      try {
        champion = trainer.restore(state.champion().model());
      } catch (RuntimeException e) {
        context.getLog().warn("learner: the journaled model v{} cannot be read ({}); retraining",
            state.champion().version(), e.getMessage());
        champion = null;
      }
    }
    publish(state);
  }

  private void publish(LearnerState state) {
    LearnerState.Champion c = state.champion();
    board.publish(c == null || champion == null ? LearnedModel.none()
        : new LearnedModel(champion, c.holdout(), c.trainingSize(), "v" + c.version(), c.trainedAt()));
    if (c != null && champion != null) {
      broadcast.accept(c);
    }
  }

  private void startReading(long offset) {
    ActorRef<Command> self = context.getSelf();
    reading = RestartSource.withBackoff(RestartSettings.create(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2),
            () -> feed.from(offset))
        .viaMat(KillSwitches.single(), Keep.right())
        .mapAsync(1, item -> AskPattern.<Command, Done>ask(self,
            replyTo -> new Learn(item.outcome(), item.offset(), replyTo), Duration.ofSeconds(30),
            context.getSystem().scheduler()))
        .toMat(Sink.ignore(), Keep.left())
        .run(context.getSystem());
  }
}
