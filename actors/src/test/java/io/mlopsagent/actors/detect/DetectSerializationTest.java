package io.mlopsagent.actors.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.actors.metrics.MetricKind;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Detector state goes into snapshots, observations and gaps into events: all round-trip as CBOR. */
class DetectSerializationTest {
  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final SerializationTestKit SERIALIZATION = new SerializationTestKit(KIT.system());

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  static Stream<Object> values() {
    SyntheticModel model = new SyntheticModel(1);
    DetectorRun run = DetectorRun.withDefaults();
    run.feedHealthy(model, 0, 2 * SyntheticModel.WINDOWS_PER_DAY);
    long i = 2L * SyntheticModel.WINDOWS_PER_DAY;
    DetectionStep step = null;
    for (int k = 0; k < 4; k++) { // held latency, streak 4, with a gap in accuracy
      var w = SyntheticModel.with(model.window(i + k), MetricKind.LATENCY_P95_SECONDS, 1.0);
      step = run.feed(SyntheticModel.with(w, MetricKind.ACCURACY, Double.NaN));
    }
    ModelBaselines busy = step.state();
    return Stream.of(
        ModelBaselines.empty(),
        busy,
        busy.of(MetricKind.LATENCY_P95_SECONDS),
        MetricBaseline.empty(),
        DailyProfile.flat(),
        busy.of(MetricKind.THROUGHPUT_RPS).daily(),
        step.observations().get(MetricKind.LATENCY_P95_SECONDS),
        MetricBaseline.empty().observe(MetricKind.ACCURACY, SyntheticModel.T0, 0.9, run.params),
        step.gap(),
        DataGap.none(SyntheticModel.T0),
        new DataGap(SyntheticModel.T0, Map.of(
            MetricKind.ERROR_RATE, new DataGap.Entry(DataGap.Reason.INVALID, Double.NEGATIVE_INFINITY),
            MetricKind.CPU_UTILIZATION, new DataGap.Entry(DataGap.Reason.OUT_OF_ORDER, 0.5))));
  }

  @ParameterizedTest
  @MethodSource("values")
  void roundTripsThroughJacksonCbor(Object value) {
    Object copy = SERIALIZATION.verifySerialization(value, true);

    assertThat(copy).isEqualTo(value);
    var serializer = SerializationExtension.get(KIT.system().classicSystem()).findSerializerFor(value);
    assertThat(serializer.getClass().getSimpleName()).isEqualTo("JacksonCborSerializer");
  }

  @Test
  void heldStateWithNaNAndStreaksSurvives() {
    ModelBaselines busy = (ModelBaselines) values().skip(1).findFirst().orElseThrow();
    ModelBaselines copy = SERIALIZATION.verifySerialization(busy, true);

    assertThat(busy.of(MetricKind.LATENCY_P95_SECONDS).held()).isTrue();
    assertThat(busy.of(MetricKind.ACCURACY).heldLevel()).isNaN();
    assertThat(copy.of(MetricKind.ACCURACY).heldLevel()).isNaN();
    assertThat(copy.streak(Signal.LATENCY_DEGRADED)).isEqualTo(4);
    assertThat(copy.of(MetricKind.LATENCY_P95_SECONDS).heldSince())
        .isEqualTo(busy.of(MetricKind.LATENCY_P95_SECONDS).heldSince());
  }
}
