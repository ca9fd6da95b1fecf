package io.mlopsagent.agent.bench;

import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.agent.daemon.AgentSystem;
import io.mlopsagent.simulation.fleet.ModelProfile;
import io.mlopsagent.simulation.fleet.SimulatedFleet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Events written through the real JDBC journal of one database by many {@link JournalWriter}s at
 * once, each with one write in flight, as the poller has one per model. A warm-up comes first,
 * unmeasured: every writer starts (recovering its empty history) and at least 5,000 events are
 * written; then {@code events} more are timed.
 */
final class JournalLoad {
  private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
  private static final Duration STEP = Duration.ofSeconds(10);
  // Enough for the JIT to have compiled the write path before the clock starts.
  private static final int WARM_UP_EVENTS = 5_000;

  /** What one run measured. */
  record Result(long events, double seconds, int eventBytes) {
    double perSecond() {
      return events / seconds;
    }
  }

  private final int writers;
  private final int events;
  private final Consumer<String> progress;

  JournalLoad(int writers, int events, Consumer<String> progress) {
    this.writers = writers;
    this.events = events;
    this.progress = progress;
  }

  Result run(AgentConfig config) {
    ActorSystem<Void> system = AgentSystem.start(config);
    try {
      SimulatedFleet fleet = new SimulatedFleet(42, writers);
      List<ModelProfile> profiles = fleet.profiles();
      List<ActorRef<JournalWriter.Write>> refs = new ArrayList<>(writers);
      for (ModelProfile p : profiles) {
        refs.add(system.systemActorOf(new JournalWriter(p.name().value()), "journal-writer-" + p.name().value(),
            Props.empty()));
      }
      Writes writes = (i, j) -> {
        Instant at = START.plus(STEP.multipliedBy(j));
        ModelWindows windows = ModelWindows.of(fleet.healthyWindow(profiles.get(i), at));
        return AskPattern.<JournalWriter.Write, Done>ask(refs.get(i),
            replyTo -> new JournalWriter.Write(windows, replyTo), Duration.ofSeconds(30), system.scheduler());
      };
      Duration bound = Duration.ofSeconds(60).plusMillis(5L * (events + writers + WARM_UP_EVENTS));
      long warmUp = Math.max(writers, WARM_UP_EVENTS);
      BoundedWait.await(drive(system, writes, 0, warmUp), bound, "warming up");
      progress.accept(String.format("  %d writers started, %d events written to warm up; timing %d events...",
          writers, warmUp, events));
      long started = System.nanoTime();
      BoundedWait.await(drive(system, writes, warmUp, events), bound, "writing " + events + " events");
      double seconds = (System.nanoTime() - started) / 1e9;
      return new Result(events, seconds, eventBytes(system, fleet, profiles.get(0)));
    } finally {
      system.terminate();
      BoundedWait.await(system.getWhenTerminated(), Duration.ofSeconds(60), "stopping the actor system");
    }
  }

  /** The write of writer {@code i}'s window number {@code j}. */
  private interface Writes {
    CompletionStage<Done> write(int i, long j);
  }

  /**
   * Events {@code from} to {@code from + count - 1}, event k going to writer {@code k % writers}:
   * each writer writes its share one after the other, all writers at once.
   */
  private CompletionStage<Done> drive(ActorSystem<?> system, Writes writes, long from, long count) {
    long end = from + count;
    return Source.range(0, writers - 1)
        .flatMapMerge(writers, i -> Source.unfold(first(from, i), k -> k < end
                ? Optional.of(Pair.create(k + writers, k))
                : Optional.empty())
            .mapAsync(1, k -> writes.write(i, k / writers)))
        .runWith(Sink.ignore(), system);
  }

  /** The first event number at or after {@code from} that is writer {@code i}'s. */
  private long first(long from, int i) {
    long k = from - from % writers + i;
    return k < from ? k + writers : k;
  }

  /** Bytes of one event as the journal stores it (Jackson CBOR). */
  private static int eventBytes(ActorSystem<?> system, SimulatedFleet fleet, ModelProfile profile) {
    ModelAgent.WindowObserved event =
        new ModelAgent.WindowObserved(ModelWindows.of(fleet.healthyWindow(profile, START)));
    return SerializationExtension.get(Adapter.toClassic(system)).serialize(event).get().length;
  }
}
