package io.mlopsagent.simulation.world;

import io.mlopsagent.simulation.scenario.FaultKind;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.actors.ports.ModelVersion;
import io.mlopsagent.simulation.fleet.ModelProfile;
import io.mlopsagent.simulation.fleet.SimulatedFleet;
import io.mlopsagent.simulation.fleet.VersionQuality;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulatedWorldTest {
  private static final Instant START = Instant.parse("2026-11-23T12:00:00Z");

  private final SimulatedWorld world = new SimulatedWorld(new SimulatedFleet(42, 8), START);
  private final ModelProfile p = world.fleet().profiles().get(0);
  private final ModelName m = p.name();

  @Test
  void theSameWorldAnswersTheSameWindowsInAnyOrder() {
    SimulatedWorld other = new SimulatedWorld(new SimulatedFleet(42, 8), START);
    List<ModelName> names = world.fleet().names();
    List<ModelName> reversed = new ArrayList<>(names);
    Collections.reverse(reversed);

    assertThat(other.fetch(reversed, START).toCompletableFuture().join())
        .isEqualTo(world.fetch(names, START).toCompletableFuture().join())
        .hasSize(8);
  }

  @Test
  void scalingOutLowersUtilisationAndLatency() {
    MetricWindow before = overall(START);

    world.cluster().scale(new ActionId("a#1"), m, p.replicas() * 2, p.cpuCores());
    MetricWindow after = overall(START);

    assertThat(after.cpuUtilization()).isLessThan(before.cpuUtilization() * 0.6);
    assertThat(after.latencyP95Seconds()).isLessThan(before.latencyP95Seconds());
  }

  @Test
  void aCandidateGetsItsShareOfTrafficAndShowsItsOwnQuality() {
    world.registry().register(new ModelVersion(m, "v2", 0.99, Set.of()),
        new VersionQuality(0.60, 1.0, 0.001, 0.001), START);
    world.cluster().deployCandidate(new ActionId("a#2"), m, "v2", 25);

    ModelWindows w = world.fetch(List.of(m), START).toCompletableFuture().join().get(m);

    MetricWindow stable = w.version("v1");
    MetricWindow candidate = w.version("v2");
    assertThat(candidate.accuracy()).isLessThan(0.65);
    assertThat(stable.accuracy()).isGreaterThan(0.85);
    assertThat(candidate.throughputRps()).isCloseTo(stable.throughputRps() / 3, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(w.overall().accuracy()).isBetween(candidate.accuracy(), stable.accuracy());
  }

  @Test
  void anAccuracyDropHurtsTheOldVersionAndNotAFreshOne() {
    world.addFault(new Fault(FaultKind.ACCURACY_DROP, m, START, Duration.ofHours(1), 0.1, Set.of("v1")));
    world.registry().register(new ModelVersion(m, "v2", p.baseAccuracy(), Set.of()), VersionQuality.of(p), START);
    world.cluster().deployCandidate(new ActionId("a#3"), m, "v2", 50);

    ModelWindows w = world.fetch(List.of(m), START.plusSeconds(60)).toCompletableFuture().join().get(m);

    assertThat(w.version("v2").accuracy() - w.version("v1").accuracy()).isGreaterThan(0.07);
  }

  @Test
  void aMetricsOutageLeavesTheModelOutOfTheAnswer() {
    world.addFault(new Fault(FaultKind.METRICS_OUTAGE, m, START, Duration.ofMinutes(5), 0, Set.of()));

    Map<ModelName, ModelWindows> during = world.fetch(world.fleet().names(), START).toCompletableFuture().join();
    Map<ModelName, ModelWindows> after =
        world.fetch(world.fleet().names(), START.plus(Duration.ofMinutes(5))).toCompletableFuture().join();

    assertThat(during).doesNotContainKey(m).hasSize(7);
    assertThat(after).containsKey(m);
  }

  @Test
  void anActionIdIsAppliedOnce() {
    ActionId id = new ActionId("a#4");
    world.cluster().scale(id, m, 9, 1.0);
    world.cluster().scale(id, m, 9, 1.0);
    world.cluster().scale(new ActionId("a#5"), m, 3, 1.0);
    world.cluster().scale(id, m, 9, 1.0);

    assertThat(world.cluster().current(m).orElseThrow().replicas()).isEqualTo(3);
    assertThat(world.cluster().appliedActions()).hasSize(2);
    assertThat(world.cluster().duplicateRequests()).isEqualTo(2);
  }

  @Test
  void theRegistryShowsAVersionFromItsRegistrationOnAndRetrainingAddsOneOnce() {
    ActionId id = new ActionId("a#6");
    world.retraining().requestRetraining(id, m, "accuracy dropped");
    world.retraining().requestRetraining(id, m, "accuracy dropped");

    assertThat(versions()).extracting(ModelVersion::version).containsExactly("v1");
    world.fetch(List.of(m), START.plus(Duration.ofHours(2))).toCompletableFuture().join();
    assertThat(versions()).extracting(ModelVersion::version).containsExactly("retrained-1", "v1");
    assertThat(world.retraining().runs()).hasSize(1);
  }

  @Test
  void theDemoFaultsStageOneStoryPerModel() {
    List<DemoFaults.Staged> staged = DemoFaults.stage(world, START);

    assertThat(staged).hasSize(7);
    assertThat(world.faults()).hasSize(6);
    assertThat(world.cluster().current(world.fleet().profiles().get(5).name()).orElseThrow().replicas())
        .isEqualTo(world.fleet().profiles().get(5).replicas() * 5);
  }

  private List<ModelVersion> versions() {
    return world.registry().versions(m).toCompletableFuture().join();
  }

  private MetricWindow overall(Instant at) {
    return world.fetch(List.of(m), at).toCompletableFuture().join().get(m).overall();
  }
}
