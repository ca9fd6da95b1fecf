package io.mlopsagent.actors.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.actors.analysis.AnalysisPhase;
import io.mlopsagent.actors.analysis.AnalysisTemplate;
import io.mlopsagent.actors.metrics.MetricWindow;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A rollout goes into snapshots and its events into the journal: both must come back equal. */
class RolloutSerializationTest {
  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final SerializationTestKit SERIALIZATION = new SerializationTestKit(KIT.system());
  private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  /** At its second step, with measurements that include an Error (no stable value: NaN). */
  private static Rollout midFlight() {
    RolloutSpec spec = RolloutSpec.canary(List.of(10, 25, 50, 100), AnalysisTemplate.seedDefaults(), 3);
    Rollout rollout = Rollout.start("fraud-scoring-001#7", "v1", "v2", spec, T0).rollout();
    for (int i = 1; i <= 4; i++) {
      Instant at = T0.plusSeconds(10L * i);
      MetricWindow canary = new MetricWindow(at, 0.93, 0.120, 0.002, 100, 0.5);
      MetricWindow stable = i == 4 ? null : new MetricWindow(at, 0.91, 0.110, 0.003, 100, 0.5);
      rollout = rollout.onWindow(at, canary, stable).rollout();
    }
    return rollout;
  }

  static Stream<Object> states() {
    Rollout rollout = midFlight();
    Rollout aborted = rollout.resume(T0.plusSeconds(60), Decision.ABORT).rollout();
    return Stream.of(
        rollout,
        aborted,
        rollout.spec(),
        RolloutSpec.blueGreen(AnalysisTemplate.seedDefaults(), 5),
        rollout.analysis(),
        rollout.analysis().metrics().get(3),
        rollout.analysis().metrics().get(3).latest(),
        AnalysisTemplate.seedDefaults().metrics().get(3).success(),
        new RolloutEvent.Started("r", "v1", "v2", rollout.spec(), T0),
        new RolloutEvent.StepPassed("r", 1, 25, "all 4 metrics successful", T0),
        new RolloutEvent.PausedInconclusive("r", 2, "inconclusive (1) > inconclusiveLimit (0)", T0),
        new RolloutEvent.Resumed("r", Decision.PROMOTE, T0),
        new RolloutEvent.Promoted("r", "v2", T0),
        new RolloutEvent.Aborted("r", 0, "failed (1) > failureLimit (0)", AnalysisPhase.FAILED, T0),
        new RolloutAction.SetCanaryWeight("v2", 25),
        new RolloutAction.DeployPreview("v2"),
        new RolloutAction.SwitchToNew("v2"),
        new RolloutAction.Promote("v2", "v1"),
        new RolloutAction.AbortToStable("v1", "v2"));
  }

  @ParameterizedTest
  @MethodSource("states")
  void roundTripsThroughJacksonCbor(Object state) {
    Object copy = SERIALIZATION.verifySerialization(state, true);

    assertThat(copy).isEqualTo(state);
    assertThat(SerializationExtension.get(KIT.system().classicSystem()).findSerializerFor(state).getClass()
        .getSimpleName()).isEqualTo("JacksonCborSerializer");
  }

  @Test
  void aRolloutMidFlightComesBackAbleToGoOn() {
    Rollout rollout = midFlight();
    assertThat(rollout.step()).isEqualTo(1);
    assertThat(rollout.analysis().metrics().get(3).latest().stableValue()).isNaN();

    Rollout copy = SERIALIZATION.verifySerialization(rollout, true);
    Instant at = T0.plusSeconds(50);
    MetricWindow canary = new MetricWindow(at, 0.93, 0.120, 0.002, 100, 0.5);
    MetricWindow stable = new MetricWindow(at, 0.91, 0.110, 0.003, 100, 0.5);

    assertThat(copy.onWindow(at, canary, stable)).isEqualTo(rollout.onWindow(at, canary, stable));
  }
}
