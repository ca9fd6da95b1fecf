package io.mlopsagent.agent.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.actors.ports.ModelVersion;
import io.mlopsagent.actors.ports.TrafficSplit;
import io.mlopsagent.actors.ports.Workload;
import io.mlopsagent.simulation.fleet.SimulatedFleet;
import io.mlopsagent.simulation.fleet.VersionQuality;
import io.mlopsagent.simulation.world.SimulatedCluster;
import io.mlopsagent.simulation.world.SimulatedWorld;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorldServerTest {
  private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

  private SimulatedWorld world;
  private WorldServer server;
  private RemoteWorld remote;
  private ModelName model;

  @BeforeEach
  void serveAWorld() {
    world = newWorld();
    server = WorldServer.start(world);
    remote = new RemoteWorld(server.uri(), Duration.ofSeconds(5));
    model = world.fleet().names().get(0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static SimulatedWorld newWorld() {
    return new SimulatedWorld(new SimulatedFleet(42, 4), START);
  }

  private static <T> T join(CompletionStage<T> stage) {
    return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }

  private void registerV2() {
    world.registry().register(new ModelVersion(model, "v2", 0.93, Set.of("optimized", "fresh"), 120.0, 2.5),
        VersionQuality.of(world.fleet().profile(model)), Instant.EPOCH);
  }

  @Test
  void servesOnLoopbackAndDiscoversTheFleet() {
    assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
    assertThat(join(remote.discover())).hasSize(4).containsExactlyElementsOf(world.fleet().names());
  }

  @Test
  void fetchAnswersWhatTheWorldItselfWouldAndAdvancesItsClock() {
    Instant at = START.plus(Duration.ofMinutes(5));
    List<ModelName> names = world.fleet().names();

    Map<ModelName, ModelWindows> windows = join(remote.fetch(names, at));

    assertThat(windows).isEqualTo(join(newWorld().fetch(names, at)));
    assertThat(windows.keySet()).containsExactlyElementsOf(names);
    assertThat(world.now()).isEqualTo(at);
  }

  @Test
  void historyIsForwarded() {
    Instant from = START.minus(Duration.ofMinutes(10));
    Map<ModelName, List<MetricWindow>> past = join(remote.history(List.of(model), from, START, Duration.ofMinutes(1)));

    assertThat(past.get(model)).hasSize(10);
    assertThat(past).isEqualTo(join(newWorld().history(List.of(model), from, START, Duration.ofMinutes(1))));
  }

  @Test
  void anActionIdAppliesOnceHoweverOftenItIsSent() {
    registerV2();
    ActionId deploy = ActionId.of(model, 7);

    Workload first = join(remote.deployCandidate(deploy, model, "v2", 10, TrafficSplit.GATEWAY_API, 1.5));
    Workload again = join(remote.deployCandidate(deploy, model, "v2", 10, TrafficSplit.GATEWAY_API, 1.5));

    assertThat(first.candidateVersion()).isEqualTo("v2");
    assertThat(first.candidateWeight()).isEqualTo(10);
    assertThat(again).isEqualTo(first);
    assertThat(world.cluster().appliedActions()).extracting(SimulatedCluster.AppliedAction::id).containsOnlyOnce(deploy);
    assertThat(world.cluster().duplicateRequests()).isEqualTo(1);
    assertThat(world.cluster().candidateCpuCores(model)).isEqualTo(1.5);

    join(remote.promoteCandidate(ActionId.of(model, 8), model));

    Optional<Workload> serving = join(remote.workload(model));
    assertThat(serving).hasValueSatisfying(w -> {
      assertThat(w.stableVersion()).isEqualTo("v2");
      assertThat(w.hasCandidate()).isFalse();
    });
  }

  @Test
  void everyActionReachesTheWorld() {
    registerV2();
    join(remote.scale(ActionId.of(model, 1), model, 5, 0.75));
    join(remote.deployCandidate(ActionId.of(model, 2), model, "v2", 0));
    join(remote.setCandidateWeight(ActionId.of(model, 3), model, 25, TrafficSplit.REPLICAS));
    Workload weighed = join(remote.setCandidateWeight(ActionId.of(model, 4), model, 50));
    Workload removed = join(remote.removeCandidate(ActionId.of(model, 5), model));
    Workload rolledBack = join(remote.setStableVersion(ActionId.of(model, 6), model, "v2"));

    assertThat(weighed.candidateWeight()).isEqualTo(50);
    assertThat(weighed.replicas()).isEqualTo(5);
    assertThat(weighed.cpuCores()).isEqualTo(0.75);
    assertThat(removed.hasCandidate()).isFalse();
    assertThat(rolledBack.stableVersion()).isEqualTo("v2");
    assertThat(world.cluster().appliedActions()).hasSize(6);
    assertThat(join(remote.workload(model))).contains(world.cluster().current(model).orElseThrow());
  }

  @Test
  void aCallTheWorldRefusesFailsWithItsMessage() {
    ModelName ghost = ModelName.of("ghost");

    assertThat(join(remote.workload(ghost))).isEmpty();
    assertThatThrownBy(() -> join(remote.scale(ActionId.of(ghost, 1), ghost, 3, 1.0)))
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasRootCauseMessage("no workload serves model ghost");
    assertThatThrownBy(() -> join(remote.promoteCandidate(ActionId.of(model, 1), model)))
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasRootCauseMessage(model + " has no candidate to promote");
  }

  @Test
  void registryVersionsRoundTrip() {
    registerV2();
    world.registry().register(new ModelVersion(model, "v3", 0.91, Set.of(), 80.0, Double.NaN),
        VersionQuality.of(world.fleet().profile(model)), Instant.EPOCH.plusSeconds(1));

    List<ModelVersion> versions = join(remote.versions(model));

    assertThat(versions).isEqualTo(world.registry().versionsAt(model, world.now()));
    assertThat(versions).extracting(ModelVersion::version).contains("v1", "v2", "v3");
    ModelVersion v2 = versions.stream().filter(v -> v.version().equals("v2")).findFirst().orElseThrow();
    assertThat(v2.sizeMb()).isEqualTo(120.0);
    assertThat(v2.complexity()).isEqualTo(2.5);
    assertThat(v2.tags()).containsExactlyInAnyOrder("optimized", "fresh");
    assertThat(versions.stream().filter(v -> v.version().equals("v3")).findFirst().orElseThrow().complexity())
        .isNaN();
    join(remote.recordPromotion(ActionId.of(model, 9), model, "v2"));
  }

  @Test
  void aNanAccuracySurvivesTheRoundTrip() {
    // A version whose true accuracy is unknown makes the world report NaN accuracy for it.
    world.registry().register(new ModelVersion(model, "blind", 0.9, Set.of()),
        new VersionQuality(Double.NaN, 1.0, 0.01, 0.01), Instant.EPOCH);
    join(remote.setStableVersion(ActionId.of(model, 1), model, "blind"));

    MetricWindow window = join(remote.fetch(List.of(model), START.plusSeconds(60))).get(model).overall();

    assertThat(window.accuracy()).isNaN();
    assertThat(window.latencyP95Seconds()).isPositive();
  }

  @Test
  void retrainingStartsOneRunPerActionId() {
    ActionId retrain = ActionId.of(model, 11);

    String run = join(remote.requestRetraining(retrain, model, "accuracy degraded"));

    assertThat(join(remote.requestRetraining(retrain, model, "accuracy degraded"))).isEqualTo(run);
    assertThat(world.retraining().runs()).containsOnly(Map.entry(retrain, run));
  }

  @Test
  void badRequestsNameTheFieldAndUnknownPathsAreNotFound() throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(server.uri() + "/models/" + model + "/scale"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"a#1\",\"cpuCores\":1}")).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(server.uri() + "/nowhere")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("replicas");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(world.cluster().appliedActions()).isEmpty();
  }

  @Test
  void aServerThatIsGoneFailsTheCall() {
    server.close();

    assertThatThrownBy(() -> join(remote.discover()))
        .hasCauseInstanceOf(UncheckedIOException.class)
        .cause().hasMessageContaining(server.uri().toString());
  }
}
