package io.mlopsagent.actors.poll;

import com.typesafe.config.Config;
import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.MetricsSource;
import io.mlopsagent.persistence.CborSerializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Observes a slice of the fleet: on every tick it asks the {@link MetricsSource} for the window of
 * all its models at once and hands each window to that model's entity. It remembers (event-sourced)
 * the observation time it has reached, so after a restart it continues where it stopped.
 *
 * <p>One poll at a time: a tick that finds the previous poll still running is skipped, so a slow
 * source or journal slows observation down instead of piling work up.
 */
public final class FleetPoller
    extends EventSourcedBehavior<FleetPoller.Command, FleetPoller.Event, FleetPoller.State> {

  public sealed interface Command extends CborSerializable {}

  /** Every poller of the cluster registers under this key, so the fleet can be seen whole. */
  public static final org.apache.pekko.actor.typed.receptionist.ServiceKey<Command> SERVICE_KEY =
      org.apache.pekko.actor.typed.receptionist.ServiceKey.create(Command.class, "fleet-pollers");

  /**
   * Which part of the fleet a poller owns: slice {@code index} of {@code count}, by a hash of the
   * model's name that every node computes alike. One slice of one owns every model.
   */
  public record Slice(int index, int count) {
    public static final Slice ALL = new Slice(0, 1);

    public Slice {
      if (count < 1 || index < 0 || index >= count) {
        throw new IllegalArgumentException("slice " + index + " of " + count + ": allowed is 0.." + (count - 1)
            + " of 1 or more");
      }
    }

    public boolean owns(ModelName model) {
      return count == 1 || Math.floorMod(model.value().hashCode(), count) == index;
    }
  }

  enum Tick implements Command {
    INSTANCE
  }

  record PollFinished(PollReport report, List<ModelName> fleet) implements Command {
    PollFinished withElapsed(long nanos) {
      PollReport r = report;
      return new PollFinished(new PollReport(r.at(), r.models(), r.recorded(), r.rejected(), r.missing(),
          r.failed(), r.error(), nanos), fleet);
    }
  }

  /** The fleet as the poller last saw it, and whether it has observed it since it started. */
  public record GetFleet(ActorRef<Fleet> replyTo) implements Command {}

  /**
   * Stop polling: lets a poll in flight finish and record its checkpoint, then stops and answers.
   * Run before shutdown so no window is cut off half-way.
   */
  public record Stop(ActorRef<Done> replyTo) implements Command {}

  public record Fleet(List<ModelName> models, long pollsSinceStart, Instant lastPolledAt)
      implements CborSerializable {}

  public sealed interface Event extends CborSerializable {}

  public record PollCompleted(Instant at, int models, int recorded) implements Event {}

  public record State(Instant lastPolledAt, long polls) implements CborSerializable {}

  /** Tunables of a poller, from {@code mlops.poller}. */
  /**
   * @param warmUpHistory how far back a new model's history is read to warm up its baselines (0: never)
   * @param warmUpStep the spacing of those past windows
   */
  public record Settings(Duration fetchTimeout, Duration observeTimeout, int parallelism, Duration warmUpHistory,
      Duration warmUpStep) {
    public Settings {
      if (parallelism < 1) {
        throw new IllegalArgumentException("mlops.poller.parallelism = " + parallelism + " is invalid: expected >= 1");
      }
      if (warmUpHistory.isNegative()) {
        throw new IllegalArgumentException("mlops.poller.warm-up.history = " + warmUpHistory
            + " is invalid: expected 0 (off) or a positive duration");
      }
      if (warmUpStep.isNegative() || warmUpStep.isZero()) {
        throw new IllegalArgumentException("mlops.poller.warm-up.step = " + warmUpStep
            + " is invalid: expected a positive duration");
      }
    }

    /** Settings without warm-up. */
    public Settings(Duration fetchTimeout, Duration observeTimeout, int parallelism) {
      this(fetchTimeout, observeTimeout, parallelism, Duration.ZERO, Duration.ofMinutes(10));
    }

    public static Settings fromConfig(Config poller) {
      return new Settings(poller.getDuration("fetch-timeout"), poller.getDuration("observe-timeout"),
          poller.getInt("parallelism"), poller.getDuration("warm-up.history"), poller.getDuration("warm-up.step"));
    }
  }

  /**
   * Told how long each answered window took, from the moment the poller handed it to the model's
   * entity to the entity's answer (journaled and decided, or refused): the observation-to-decision
   * latency. Called on whatever thread completes the answer, so it must be thread-safe and quick.
   */
  @FunctionalInterface
  public interface ObserveTimer {
    ObserveTimer NONE = nanos -> { };

    void observed(long nanos);
  }

  /**
   * @param slice this poller's slice of the fleet (its persistence id)
   * @param entities the entity of a model (sharding in the daemon, probes in tests)
   * @param onPoll told about every poll, for metrics and status
   * @param timer told how long each window took ({@link ObserveTimer#NONE}: nobody asks)
   */
  public static Behavior<Command> create(
      String slice,
      MetricsSource source,
      ObservationSchedule schedule,
      Function<ModelName, RecipientRef<ModelAgent.Command>> entities,
      Settings settings,
      Consumer<PollReport> onPoll,
      ObserveTimer timer) {
    return create(slice, Slice.ALL, source, schedule, entities, settings, onPoll, timer, (at, rps) -> { });
  }

  /**
   * A poller of one slice of the fleet, as the cluster's sharded daemon process runs them, that
   * also reports each round's total traffic ({@code fleetTraffic}: observation time and requests
   * per second over the models that reported it), which rollout plans learn the fleet's busy hours
   * from.
   */
  public static Behavior<Command> create(
      Slice slice,
      MetricsSource source,
      ObservationSchedule schedule,
      Function<ModelName, RecipientRef<ModelAgent.Command>> entities,
      Settings settings,
      Consumer<PollReport> onPoll,
      ObserveTimer timer,
      java.util.function.ObjDoubleConsumer<Instant> fleetTraffic) {
    return create(String.valueOf(slice.index()), slice, source, schedule, entities, settings, onPoll, timer,
        fleetTraffic);
  }

  private static Behavior<Command> create(
      String id,
      Slice slice,
      MetricsSource source,
      ObservationSchedule schedule,
      Function<ModelName, RecipientRef<ModelAgent.Command>> entities,
      Settings settings,
      Consumer<PollReport> onPoll,
      ObserveTimer timer,
      java.util.function.ObjDoubleConsumer<Instant> fleetTraffic) {
    return Behaviors.<Command>supervise(
            Behaviors.withTimers(timers -> Behaviors.setup(ctx -> {
              ctx.getSystem().receptionist().tell(
                  org.apache.pekko.actor.typed.receptionist.Receptionist.register(SERVICE_KEY, ctx.getSelf()));
              return new FleetPoller(ctx, timers, id, slice, source, schedule, entities, settings, onPoll, timer,
                  fleetTraffic);
            })))
        .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2));
  }

  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final MetricsSource source;
  private final ObservationSchedule schedule;
  private final Function<ModelName, RecipientRef<ModelAgent.Command>> entities;
  private final Settings settings;
  private final Consumer<PollReport> onPoll;
  private final ObserveTimer timer;
  private final java.util.function.ObjDoubleConsumer<Instant> fleetTraffic;
  private final Slice slice;
  private final java.util.concurrent.Executor callbacks;
  private final BaselineWarmUp warmUp;

  // Not persisted: what this incarnation has seen and is doing.
  private boolean polling;
  private ActorRef<Done> stopRequestedBy;
  private long pollsSinceStart;
  private List<ModelName> fleet = List.of();

  private FleetPoller(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      String id,
      Slice slice,
      MetricsSource source,
      ObservationSchedule schedule,
      Function<ModelName, RecipientRef<ModelAgent.Command>> entities,
      Settings settings,
      Consumer<PollReport> onPoll,
      ObserveTimer timer,
      java.util.function.ObjDoubleConsumer<Instant> fleetTraffic) {
    // Slice 0 keeps the id a single poller always had ("0"), so its checkpoint carries over.
    super(PersistenceId.of("FleetPoller", id));
    this.fleetTraffic = fleetTraffic;
    this.slice = slice;
    this.context = context;
    this.timers = timers;
    this.source = source;
    this.schedule = schedule;
    this.entities = entities;
    this.settings = settings;
    this.onPoll = onPoll;
    this.timer = timer;
    this.callbacks = context.getSystem().executionContext();
    this.warmUp = new BaselineWarmUp(source, entities, settings.warmUpHistory(), settings.warmUpStep(),
        settings.observeTimeout(), context.getSystem());
  }

  @Override
  public State emptyState() {
    return new State(null, 0);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    // Checkpoints are not audit trail: old ones go once a snapshot covers them.
    return RetentionCriteria.snapshotEvery(100, 2).withDeleteEventsOnSnapshot();
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> {
          context.getLog().info("poller resumes after observation time {}", state.lastPolledAt());
          timers.startTimerAtFixedRate(Tick.INSTANCE, Duration.ZERO, schedule.tickInterval());
        })
        .build();
  }

  @Override
  public CommandHandler<Command, Event, State> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(Tick.class, this::onTick)
        .onCommand(PollFinished.class, this::onPollFinished)
        .onCommand(Stop.class, this::onStop)
        .onCommand(GetFleet.class, (state, cmd) -> {
          cmd.replyTo().tell(new Fleet(fleet, pollsSinceStart, state.lastPolledAt()));
          return Effect().none();
        })
        .build();
  }

  private Effect<Event, State> onStop(State state, Stop stop) {
    timers.cancelAll();
    stopRequestedBy = stop.replyTo();
    return polling ? Effect().none() : stopNow();
  }

  private Effect<Event, State> onTick(State state, Tick tick) {
    if (polling || stopRequestedBy != null) {
      return Effect().none();
    }
    polling = true;
    Instant at = schedule.next(state.lastPolledAt());
    long started = System.nanoTime();
    context.pipeToSelf(poll(at, java.util.Set.copyOf(fleet)), (finished, error) -> error == null
        ? finished.withElapsed(System.nanoTime() - started)
        : new PollFinished(new PollReport(at, fleet.size(), 0, 0, 0, 0, describe(error),
            System.nanoTime() - started), fleet));
    return Effect().none();
  }

  private Effect<Event, State> onPollFinished(
      State state, PollFinished finished) {
    polling = false;
    PollReport report = finished.report();
    onPoll.accept(report);
    if (!report.succeeded()) {
      context.getLog().warn("poll of observation time {} failed: {}", report.at(), report.error());
      return stopRequestedBy == null ? Effect().none() : stopNow();
    }
    fleet = finished.fleet();
    pollsSinceStart++;
    PollCompleted checkpoint = new PollCompleted(report.at(), report.models(), report.recorded());
    if (stopRequestedBy == null) {
      return Effect().persist(checkpoint);
    }
    ActorRef<Done> replyTo = stopRequestedBy;
    return Effect().persist(checkpoint).thenRun(s -> replyTo.tell(Done.getInstance())).thenStop();
  }

  private Effect<Event, State> stopNow() {
    ActorRef<Done> replyTo = stopRequestedBy;
    return Effect().none().thenRun(s -> replyTo.tell(Done.getInstance())).thenStop();
  }

  private CompletionStage<PollFinished> poll(Instant at, java.util.Set<ModelName> known) {
    return within(source.discover(), settings.fetchTimeout(), "discovering models")
        .thenApply(all -> all.stream().filter(slice::owns).toList())
        .thenCompose(models -> warmUp.warmUp(models.stream().filter(m -> !known.contains(m)).toList(), at)
            .thenApply(warmed -> models))
        .thenCompose(models -> within(source.fetch(models, at), settings.fetchTimeout(), "fetching metrics")
            .thenCompose(windows -> {
              fleetTraffic.accept(at, totalTraffic(windows));
              return observeAll(windows);
            })
            .thenApply(counts -> new PollFinished(new PollReport(at, models.size(), counts.recorded,
                counts.rejected, models.size() - counts.total(), counts.failed, null, 0),
                models.stream().sorted().toList())));
  }

  /** Requests per second over the models whose throughput is known this round. */
  private static double totalTraffic(Map<ModelName, ModelWindows> windows) {
    double total = 0;
    for (ModelWindows w : windows.values()) {
      double rps = w.overall().throughputRps();
      if (Double.isFinite(rps) && rps >= 0) {
        total += rps;
      }
    }
    return total;
  }

  private CompletionStage<Counts> observeAll(Map<ModelName, ModelWindows> windows) {
    return Source.from(List.copyOf(windows.entrySet()))
        .mapAsyncUnordered(settings.parallelism(), entry -> {
          long handedOver = System.nanoTime();
          return AskPattern
              .<ModelAgent.Command, StatusReply<Done>>ask(
                  entities.apply(entry.getKey()),
                  replyTo -> new ModelAgent.Observe(entry.getValue(), replyTo),
                  settings.observeTimeout(),
                  context.getSystem().scheduler())
              // Explicitly on the dispatcher: the ask's CompletionStage (Scala's converter) runs
              // plain handle() asynchronously on the common pool, which on a 1-2 CPU machine means
              // a new thread for every window.
              .handleAsync((reply, error) -> {
                if (error != null) {
                  return Outcome.FAILED;
                }
                timer.observed(System.nanoTime() - handedOver);
                return reply.isSuccess() ? Outcome.RECORDED : Outcome.REJECTED;
              }, callbacks);
        })
        .runFold(new Counts(), Counts::add, context.getSystem());
  }

  private static <T> CompletionStage<T> within(CompletionStage<T> stage, Duration timeout, String what) {
    return stage.toCompletableFuture().copy()
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .exceptionallyCompose(e -> CompletableFuture.failedFuture(
            new IllegalStateException(what + ": " + describe(e), e)));
  }

  private static String describe(Throwable error) {
    Throwable e = error;
    while ((e instanceof java.util.concurrent.CompletionException
        || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof java.util.concurrent.TimeoutException) {
      return "timed out";
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private enum Outcome { RECORDED, REJECTED, FAILED }

  private static final class Counts {
    int recorded;
    int rejected;
    int failed;

    Counts add(Outcome o) {
      switch (o) {
        case RECORDED -> recorded++;
        case REJECTED -> rejected++;
        case FAILED -> failed++;
      }
      return this;
    }

    int total() {
      return recorded + rejected + failed;
    }
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(PollCompleted.class, (state, e) -> new State(e.at(), state.polls() + 1))
        .build();
  }
}
