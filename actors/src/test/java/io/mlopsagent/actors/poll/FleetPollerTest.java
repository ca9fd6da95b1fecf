package io.mlopsagent.actors.poll;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.mlopsagent.actors.TestWindows;
import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.agent.ModelAgentSettings;
import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.MetricsSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class FleetPollerTest {
  private static final ActorTestKit KIT = ActorTestKit.create(EventSourcedBehaviorTestKit.config()
      .withFallback(ConfigFactory.parseString("pekko.actor.serialize-messages = on"))
      .withFallback(ConfigFactory.load()));
  private static final Duration STEP = Duration.ofSeconds(10);
  private static final FleetPoller.Settings SETTINGS =
      new FleetPoller.Settings(Duration.ofSeconds(3), Duration.ofSeconds(3), 4);
  private static final AtomicInteger SLICES = new AtomicInteger();
  private static final io.mlopsagent.actors.agent.ModelAgentPorts PORTS = io.mlopsagent.actors.TestPorts.observingOnly();

  private final Map<ModelName, ActorRef<ModelAgent.Command>> entities = new ConcurrentHashMap<>();
  private final TestProbe<PollReport> reports = KIT.createTestProbe();

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  @Test
  void handsEveryModelItsWindowInOnePollAndCheckpointsTheTime() {
    String slice = newSlice();
    FakeSource source = new FakeSource(names(slice, 3));
    ActorRef<FleetPoller.Command> poller = spawnPoller(slice, source);

    PollReport first = reports.receiveMessage();

    assertThat(first.succeeded()).isTrue();
    assertThat(first.at()).isEqualTo(TestWindows.T0);
    assertThat(first.models()).isEqualTo(3);
    assertThat(first.recorded()).isEqualTo(3);
    assertThat(source.batchSizes).startsWith(3);
    for (ModelName model : source.models) {
      assertThat(statusOf(model).latest().at()).isAfterOrEqualTo(TestWindows.T0);
    }
    stop(poller);
  }

  @Test
  void resumesAfterARestartFromTheLastTimeItPolled() {
    String slice = newSlice();
    FakeSource source = new FakeSource(names(slice, 2));
    List<PollReport> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    ActorRef<FleetPoller.Command> poller = spawnPoller(slice, source, seen::add);
    org.awaitility.Awaitility.await().until(() -> seen.size() >= 2);
    stop(poller);
    // Stop answers after the poll in flight has finished, so the last report is the checkpoint.
    Instant lastBeforeStop = seen.get(seen.size() - 1).at();

    spawnPoller(slice, source, reports.ref()::tell);
    PollReport afterRestart = reports.receiveMessage();

    assertThat(afterRestart.at()).isEqualTo(lastBeforeStop.plus(STEP));
    assertThat(afterRestart.rejected()).isZero();
  }

  @Test
  void aNewModelIsWarmedUpFromTheSourcesHistoryBeforeItsFirstLiveWindow() {
    String slice = newSlice();
    FakeSource source = new FakeSource(names(slice, 2));
    FleetPoller.Settings warming = new FleetPoller.Settings(Duration.ofSeconds(3), Duration.ofSeconds(3), 4,
        Duration.ofHours(2), Duration.ofMinutes(10));
    ObservationSchedule schedule = new AcceleratedSchedule(TestWindows.T0, STEP, 1000);
    ActorRef<FleetPoller.Command> poller =
        KIT.spawn(FleetPoller.create(slice, source, schedule, this::entity, warming, reports.ref()::tell,
            FleetPoller.ObserveTimer.NONE));

    PollReport first = reports.receiveMessage();

    assertThat(first.recorded()).isEqualTo(2);
    assertThat(source.historyAsked).containsExactlyInAnyOrderElementsOf(source.models);
    for (ModelName model : source.models) {
      ModelAgent.Status status = statusOf(model);
      // 12 past windows (2 h every 10 min) learned, then the live window on top.
      assertThat(status.state().baselines().of(io.mlopsagent.actors.metrics.MetricKind.ACCURACY).count())
          .isGreaterThanOrEqualTo(13);
    }
    stop(poller);
  }

  @Test
  void aFailingSourceIsReportedAndRecordsNothing() {
    String slice = newSlice();
    FakeSource source = new FakeSource(names(slice, 2));
    source.failing = true;
    ActorRef<FleetPoller.Command> poller = spawnPoller(slice, source);

    PollReport report = reports.receiveMessage();

    assertThat(report.succeeded()).isFalse();
    assertThat(report.error()).contains("fetching metrics").contains("source is down");
    TestProbe<FleetPoller.Fleet> fleet = KIT.createTestProbe();
    poller.tell(new FleetPoller.GetFleet(fleet.ref()));
    assertThat(fleet.receiveMessage().pollsSinceStart()).isZero();
    assertThat(entities).isEmpty();
    stop(poller);
  }

  @Test
  void modelsTheSourceHasNoDataForAreCountedAsMissing() {
    String slice = newSlice();
    FakeSource source = new FakeSource(names(slice, 3));
    source.silent = source.models.get(1);
    ActorRef<FleetPoller.Command> poller = spawnPoller(slice, source);

    PollReport report = reports.receiveMessage();

    assertThat(report.recorded()).isEqualTo(2);
    assertThat(report.missing()).isEqualTo(1);
    assertThat(entities).doesNotContainKey(source.silent);
    stop(poller);
  }

  private ActorRef<FleetPoller.Command> spawnPoller(String slice, MetricsSource source) {
    return spawnPoller(slice, source, reports.ref()::tell);
  }

  private ActorRef<FleetPoller.Command> spawnPoller(
      String slice, MetricsSource source, java.util.function.Consumer<PollReport> onPoll) {
    ObservationSchedule schedule = new AcceleratedSchedule(TestWindows.T0, STEP, 1000);
    return KIT.spawn(FleetPoller.create(slice, source, schedule, this::entity, SETTINGS, onPoll,
        FleetPoller.ObserveTimer.NONE));
  }

  private RecipientRef<ModelAgent.Command> entity(ModelName model) {
    return entities.computeIfAbsent(model, m -> KIT.spawn(ModelAgent.create(m,
        new ModelAgentSettings(100, 2, 10, Duration.ofMillis(100), Duration.ofSeconds(1)), PORTS)));
  }

  private ModelAgent.Status statusOf(ModelName model) {
    TestProbe<ModelAgent.Status> probe = KIT.createTestProbe();
    entities.get(model).tell(new ModelAgent.GetStatus(probe.ref()));
    return probe.receiveMessage();
  }

  private void stop(ActorRef<FleetPoller.Command> poller) {
    TestProbe<Done> done = KIT.createTestProbe();
    poller.tell(new FleetPoller.Stop(done.ref()));
    done.expectMessage(Done.getInstance());
    done.expectTerminated(poller);
  }

  private static String newSlice() {
    return "test-" + SLICES.incrementAndGet();
  }

  private static List<ModelName> names(String slice, int n) {
    return java.util.stream.IntStream.range(0, n).mapToObj(i -> ModelName.of(slice + "-m" + i)).toList();
  }

  /** A metrics source with a fixed fleet; it can fail or stay silent about one model. */
  private static final class FakeSource implements MetricsSource {
    final List<ModelName> models;
    final List<Integer> batchSizes = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<ModelName> historyAsked = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile boolean failing;
    volatile ModelName silent;

    FakeSource(List<ModelName> models) {
      this.models = models;
    }

    @Override
    public CompletionStage<List<ModelName>> discover() {
      return CompletableFuture.completedFuture(models);
    }

    @Override
    public CompletionStage<Map<ModelName, List<MetricWindow>>> history(
        Collection<ModelName> batch, Instant from, Instant to, Duration step) {
      historyAsked.addAll(batch);
      Map<ModelName, List<MetricWindow>> past = new LinkedHashMap<>();
      for (ModelName m : batch) {
        List<MetricWindow> windows = new java.util.ArrayList<>();
        for (Instant t = from; t.isBefore(to); t = t.plus(step)) {
          windows.add(new MetricWindow(t, 0.9, 0.1, 0.01, 10, 0.5));
        }
        past.put(m, windows);
      }
      return CompletableFuture.completedFuture(past);
    }

    @Override
    public CompletionStage<Map<ModelName, ModelWindows>> fetch(Collection<ModelName> batch, Instant at) {
      if (failing) {
        return CompletableFuture.failedFuture(new IllegalStateException("source is down"));
      }
      batchSizes.add(batch.size());
      Map<ModelName, ModelWindows> windows = new LinkedHashMap<>();
      for (ModelName m : batch) {
        if (!m.equals(silent)) {
          windows.put(m, ModelWindows.of(new MetricWindow(at, 0.9, 0.1, 0.01, 10, 0.5)));
        }
      }
      return CompletableFuture.completedFuture(windows);
    }
  }
}
