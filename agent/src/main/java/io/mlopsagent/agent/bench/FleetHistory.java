package io.mlopsagent.agent.bench;

import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.agent.ModelAgentSettings;
import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.simulation.fleet.ModelProfile;
import io.mlopsagent.simulation.world.SimulatedWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Every model's history in the journal, as a healthy model's entity journals it: the policy, the
 * first window, the workload learned from the cluster, then one window per step. Each model gets
 * one and a half snapshot intervals of events (150 with the default snapshot every 100): a snapshot,
 * and half an interval to replay after it, the average a restart meets.
 */
final class FleetHistory {
  private static final Duration STEP = Duration.ofSeconds(10);
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(60);
  // Models whose history is being written at once.
  private static final int PARALLELISM = 64;

  private final SimulatedWorld world;
  private final AgentConfig config;
  private final ModelAgentSettings settings;
  private final Instant start;

  FleetHistory(SimulatedWorld world, AgentConfig config, Instant start) {
    this.world = world;
    this.config = config;
    this.settings = ModelAgentSettings.fromConfig(config.pekko().getConfig("mlops.agent"));
    this.start = start;
  }

  /** Events in each model's history. */
  int eventsPerModel() {
    return Math.max(3, settings.snapshotEvery() + settings.snapshotEvery() / 2);
  }

  /** Events a recovering entity replays after its newest snapshot. */
  int eventsAfterSnapshot() {
    return eventsPerModel() % settings.snapshotEvery();
  }

  /** Writes every model's history; completes when all is journaled. */
  CompletionStage<Done> write(ActorSystem<?> system, Consumer<String> progress) {
    List<ModelProfile> profiles = world.fleet().profiles();
    AtomicInteger written = new AtomicInteger();
    int tenth = Math.max(1, profiles.size() / 10);
    return Source.from(profiles)
        .mapAsyncUnordered(PARALLELISM, p -> writeOne(system, p).thenApply(done -> {
          int n = written.incrementAndGet();
          if (n % tenth == 0) {
            progress.accept(String.format("  history written for %d of %d models", n, profiles.size()));
          }
          return done;
        }))
        .runWith(Sink.ignore(), system);
  }

  private CompletionStage<Done> writeOne(ActorSystem<?> system, ModelProfile p) {
    ActorRef<HistoryWriter.Command> writer = system.systemActorOf(new HistoryWriter(p.name(), settings),
        "history-" + p.name().value(), Props.empty());
    // Chained on the dispatcher: a plain thenCompose on an ask's stage would start a thread per
    // call on a small machine (see FleetPoller).
    Executor dispatcher = system.executionContext();
    CompletionStage<Done> chain = CompletableFuture.completedFuture(Done.getInstance());
    for (List<ModelAgent.Event> chunk : chunks(p)) {
      chain = chain.thenComposeAsync(done -> AskPattern.<HistoryWriter.Command, Done>ask(writer,
          replyTo -> new HistoryWriter.Append(chunk, replyTo), ASK_TIMEOUT, system.scheduler()), dispatcher);
    }
    return chain.whenComplete((done, error) -> writer.tell(new HistoryWriter.Stop()));
  }

  /**
   * The model's events, in writes that end where the entity would have snapshotted (so the
   * snapshots fall where a window-at-a-time history puts them).
   */
  private List<List<ModelAgent.Event>> chunks(ModelProfile p) {
    List<ModelAgent.Event> events = new ArrayList<>(eventsPerModel());
    events.add(new ModelAgent.PolicyApplied(config.policies().resolve(p.name(), Map.of())));
    int window = 0;
    while (events.size() < eventsPerModel()) {
      Instant at = start.plus(STEP.multipliedBy(window++));
      events.add(new ModelAgent.WindowObserved(ModelWindows.of(world.fleet().healthyWindow(p, at))));
      if (window == 1) {
        world.cluster().current(p.name()).ifPresent(w -> events.add(new ModelAgent.WorkloadSynced(w)));
      }
    }
    List<List<ModelAgent.Event>> chunks = new ArrayList<>();
    for (int from = 0; from < events.size(); from += settings.snapshotEvery()) {
      chunks.add(List.copyOf(events.subList(from, Math.min(events.size(), from + settings.snapshotEvery()))));
    }
    return chunks;
  }
}
