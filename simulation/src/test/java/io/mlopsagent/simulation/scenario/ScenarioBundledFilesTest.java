package io.mlopsagent.simulation.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The scenarios shipped in simulation/scenarios load and stage what their comments promise. */
class ScenarioBundledFilesTest {
  // Surefire runs in the module's directory.
  private static final Path DIR = Path.of("scenarios");

  @Test
  void calmIsAHealthyWellSizedFleetOfAThousandModelDaysThatRunsInMinutes() {
    Scenario calm = ScenarioLoader.load(DIR.resolve("calm.conf"));

    assertThat(calm.modelDays()).isGreaterThanOrEqualTo(1_000);
    assertThat(calm.windows()).isLessThanOrEqualTo(300_000);
    assertThat(calm.faults()).isEmpty();
    assertThat(calm.candidates()).isEmpty();
    assertThat(calm.groups()).allSatisfy(g -> {
      assertThat(g.resources().peakUtilisation().min()).isGreaterThanOrEqualTo(0.55);
      assertThat(g.resources().peakUtilisation().max()).isLessThanOrEqualTo(0.7);
      assertThat(g.accuracy().min()).isGreaterThan(calm.slo().minAccuracy());
      assertThat(g.latencyP95Seconds().max()).isLessThan(calm.slo().maxLatencyP95Seconds());
      assertThat(g.errorRate().max()).isLessThan(calm.slo().maxErrorRate());
    });
  }

  @Test
  void faultsStagesEveryKindTwiceOnDifferentModelsAndTimesAfterTheFirstDay() {
    Scenario s = ScenarioLoader.load(DIR.resolve("faults.conf"));

    assertThat(s.models()).isBetween(50, 70);
    assertThat(s.groups()).hasSizeBetween(3, 4);
    assertThat(s.windows()).isLessThanOrEqualTo(250_000);
    assertThat(s.faults()).allSatisfy(f -> assertThat(f.onset()).isGreaterThanOrEqualTo(Duration.ofDays(1)));
    Map<FaultKind, List<FaultSpec>> byKind = s.faults().stream().collect(Collectors.groupingBy(FaultSpec::kind));
    // Every kind but the outages of the registry and the crashes of the agent, which chaos.conf stages.
    assertThat(byKind).containsOnlyKeys(java.util.EnumSet.complementOf(
        java.util.EnumSet.of(FaultKind.REGISTRY_OUTAGE, FaultKind.AGENT_CRASH)));
    byKind.forEach((kind, faults) -> {
      assertThat(faults.stream().map(FaultSpec::onset).distinct()).as(kind.word()).hasSizeGreaterThanOrEqualTo(2);
      Set<String> models = new HashSet<>();
      faults.forEach(f -> models.addAll(FleetNames.select(s, f.target())));
      assertThat(models).as(kind.word()).hasSizeGreaterThanOrEqualTo(2);
    });
  }

  @Test
  void faultsHasCandidatesWhereTheyMatterAnOverProvisionedGroupAndAFallibleCluster() {
    Scenario s = ScenarioLoader.load(DIR.resolve("faults.conf"));

    // A faster, optimized version appears just after a latency spike on its model (the simulator's
    // spikes hurt the versions registered by their onset).
    List<CandidateSpec> optimized = s.candidates().stream().filter(c -> c.tags().contains("optimized")).toList();
    assertThat(optimized).isNotEmpty().allSatisfy(c -> assertThat(c.latencyFactor()).isLessThan(1));
    assertThat(faultsOf(s, FaultKind.LATENCY_SPIKE)).anySatisfy(f -> assertThat(optimized)
        .anySatisfy(c -> assertThat(wayOut(s, f, c)).isTrue()));
    // Accuracy faults with a better version appearing after their onset on some models, none on others.
    List<FaultSpec> accuracy = s.faults().stream()
        .filter(f -> f.kind() == FaultKind.ACCURACY_DROP || f.kind() == FaultKind.ACCURACY_DRIFT)
        .toList();
    Set<String> withCandidate = models(s, s.candidates(), CandidateSpec::target);
    assertThat(accuracy).anySatisfy(f -> assertThat(s.candidates())
        .anySatisfy(c -> assertThat(wayOut(s, f, c) && c.accuracyDelta() > 0).isTrue()));
    assertThat(accuracy)
        .anySatisfy(f -> assertThat(FleetNames.select(s, f.target())).doesNotContainAnyElementsOf(withCandidate));
    // One group wastes most of its CPU, so scaling in matters.
    assertThat(s.groups()).anySatisfy(g -> assertThat(g.resources().peakUtilisation().max()).isLessThanOrEqualTo(0.15));
    // Big models deploy more slowly and fail more often.
    assertThat(s.cluster().perHundredMb()).isPositive();
    assertThat(s.cluster().failurePerHundredMb()).isPositive();
  }

  @Test
  void chaosStagesInfrastructureFaultsAndTwoCrashesInTheMiddleOfItsReleaseWaves() {
    Scenario s = ScenarioLoader.load(DIR.resolve("chaos.conf"));

    assertThat(s.windows()).isLessThanOrEqualTo(50_000);
    Map<FaultKind, List<FaultSpec>> byKind = s.faults().stream().collect(Collectors.groupingBy(FaultSpec::kind));
    assertThat(byKind).containsKeys(FaultKind.METRICS_OUTAGE, FaultKind.KUBERNETES_API_ERRORS,
        FaultKind.REGISTRY_OUTAGE, FaultKind.AGENT_CRASH, FaultKind.ACCURACY_DROP, FaultKind.BAD_CANDIDATE);
    // A share of the calls fails across the whole fleet for a while, not only one model's.
    assertThat(byKind.get(FaultKind.KUBERNETES_API_ERRORS))
        .anySatisfy(f -> assertThat(FleetNames.select(s, f.target())).hasSize(s.models()));
    // Each crash lands inside a release wave: releases appear from day 1 and day 2, spread over 8 hours.
    assertThat(s.agentCrashes()).hasSize(2).allSatisfy(crash -> {
      long hour = java.time.Duration.between(s.start(), crash).toHours();
      assertThat(hour % 24).isBetween(1L, 8L);
    });
  }

  /** Whether {@code c} is registered for a model {@code f} hits, within an hour after its onset. */
  private static boolean wayOut(Scenario s, FaultSpec f, CandidateSpec c) {
    boolean sameModel = FleetNames.select(s, c.target()).stream().anyMatch(FleetNames.select(s, f.target())::contains);
    boolean justAfter = c.appearsAfter().compareTo(f.onset()) > 0
        && c.appearsAfter().compareTo(f.onset().plusHours(1)) <= 0;
    return sameModel && justAfter;
  }

  private static List<FaultSpec> faultsOf(Scenario s, FaultKind kind) {
    return s.faults().stream().filter(f -> f.kind() == kind).toList();
  }

  private static <T> Set<String> models(Scenario s, List<T> events, Function<T, Target> target) {
    return events.stream().flatMap(e -> FleetNames.select(s, target.apply(e)).stream()).collect(Collectors.toSet());
  }
}
