package io.mlopsagent.simulation.scenario;

import static io.mlopsagent.simulation.scenario.ScenarioText.minimalWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {

  @Test
  void optionalKeysTakeTheirDocumentedDefaults() {
    Scenario s = minimalWith("");

    assertThat(s.name()).isEqualTo("test");
    assertThat(s.description()).isEmpty();
    assertThat(s.seed()).isEqualTo(7);
    assertThat(s.start()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
    assertThat(s.duration()).isEqualTo(Duration.ofDays(2));
    assertThat(s.step()).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.slo()).isEqualTo(Slo.SEED);
    assertThat(s.candidates()).isEmpty();
    assertThat(s.faults()).isEmpty();
    assertThat(s.cluster()).isEqualTo(new ClusterTruth(Duration.ofMinutes(2), Duration.ofMinutes(1),
        Duration.ofSeconds(30), 0.5, 0.2, 0.02, 0.01, 0.03));
    ModelGroup fraud = s.groups().get(0);
    assertThat(fraud.traffic()).isEqualTo(new ModelGroup.Traffic(new Range(20, 400), 0.5, 0.85,
        new Range(0.02, 0.05), true));
    assertThat(fraud.resources()).isEqualTo(new ModelGroup.Resources(2, 6, 1.0, new Range(0.55, 0.7)));
  }

  @Test
  void aRangeGivenAsANumberIsThatValueAlone() {
    ModelGroup churn = minimalWith("").groups().get(1);

    assertThat(churn.sizeMb()).isEqualTo(new Range(50, 50));
    assertThat(churn.latencyP95Seconds()).isEqualTo(Range.of(0.02));
    assertThat(churn.traffic().peakRps()).isEqualTo(Range.of(10));
  }

  @Test
  void givenValuesReplaceTheDefaults() {
    Scenario s = minimalWith("""
        scenario {
          description = "a test"
          start = "2026-06-01T00:00:00Z"
          slo { max-error-rate = 0.02 }
          cluster { deploy-base = 0s, failure-base = 0.1 }
        }
        """);

    assertThat(s.description()).isEqualTo("a test");
    assertThat(s.start()).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
    assertThat(s.slo()).isEqualTo(new Slo(0.85, 0.2, 0.02));
    assertThat(s.cluster().base()).isZero();
    assertThat(s.cluster().failureBase()).isEqualTo(0.1);
    assertThat(s.cluster().perHundredMb()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void candidatesReadWithTheirTargetsAndTheModelsOwnErrorRatesByDefault() {
    Scenario s = minimalWith("""
        scenario.candidates = [
          { version = v2, target { group = fraud, models = "fraud-00?", count = 2 }, appears-after = 1d,
            validation-accuracy-delta = 0.03, accuracy-delta = -0.01, error-rate = null, tags = [optimized] }
          { version = v3, appears-after = 0s, validation-accuracy-delta = 0, accuracy-delta = 0,
            latency-factor = 0.7, error-rate = 0.01, error-rate-at-full-traffic = 0.05 }
        ]
        """);

    CandidateSpec v2 = s.candidates().get(0);
    assertThat(v2.target()).isEqualTo(new Target("fraud", "fraud-00?", 2));
    assertThat(FleetNames.select(s, v2.target())).containsExactly("fraud-001", "fraud-002");
    assertThat(v2.appearsAfter()).isEqualTo(Duration.ofDays(1));
    assertThat(v2.accuracyDelta()).isEqualTo(-0.01);
    assertThat(v2.latencyFactor()).isEqualTo(1.0);
    assertThat(v2.errorRate()).isNaN();
    assertThat(v2.errorRateAtFullTraffic()).isNaN();
    assertThat(v2.tags()).isEqualTo(Set.of("optimized"));
    CandidateSpec v3 = s.candidates().get(1);
    assertThat(v3.target()).isEqualTo(Target.ALL);
    assertThat(v3.errorRate()).isEqualTo(0.01);
    assertThat(v3.errorRateAtFullTraffic()).isEqualTo(0.05);
  }

  @Test
  void faultsReadByKindWord() {
    Scenario s = minimalWith("""
        scenario.faults = [
          { kind = latency-spike, target.models = churn-002, onset = 1d, duration = 3h, magnitude = 2.5 }
          { kind = metrics-outage, onset = 26h, duration = 1h }
          { kind = bad-candidate, target.group = fraud, onset = 36h, magnitude = 0.2 }
        ]
        """);

    assertThat(s.faults()).containsExactly(
        new FaultSpec(FaultKind.LATENCY_SPIKE, new Target(null, "churn-002", 0), Duration.ofDays(1),
            Duration.ofHours(3), 2.5),
        new FaultSpec(FaultKind.METRICS_OUTAGE, Target.ALL, Duration.ofHours(26), Duration.ofHours(1), 0),
        // A bad candidate stays for the rest of the run.
        new FaultSpec(FaultKind.BAD_CANDIDATE, new Target("fraud", null, 0), Duration.ofHours(36),
            Duration.ofHours(12), 0.2));
  }
}
