package io.mlopsagent.actors.learn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Usage histograms go into snapshots, plans into journaled decisions: all round-trip as CBOR. */
class LearnSerializationTest {
  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final SerializationTestKit SERIALIZATION = new SerializationTestKit(KIT.system());

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  static Stream<Object> values() {
    Instant t0 = PlanFixtures.MONDAY;
    CpuHistogram usage = CpuHistogram.empty();
    for (int m = 0; m <= 120; m += 5) {
      usage = usage.add(t0.plus(Duration.ofMinutes(m)), 0.5 + m / 240.0);
    }
    Instant at = PlanFixtures.monday(14, 10);
    DeploymentFeatures now = PlanFixtures.features(150, 1, at);
    PlanRequest request = PlanFixtures.request(now, at, false, usage.recommend(at), PlanFixtures.learnedFleet());
    return Stream.of(
        CpuHistogram.empty(),
        usage,
        usage.recommend(at),
        CpuRecommendation.none(),
        FleetLoadProfile.empty(),
        PlanFixtures.learnedFleet(),
        DeploymentOptimizer.plan(request, LearnedModel.none()),
        DeploymentOptimizer.plan(request, PlanFixtures.trusted(
            new PlanFixtures.FakePredictor(f -> 200 + 600 / f.cpuCores(), f -> 0.04))));
  }

  @ParameterizedTest
  @MethodSource("values")
  void roundTripsThroughJacksonCbor(Object value) {
    Object copy = SERIALIZATION.verifySerialization(value, true);

    assertThat(copy).isEqualTo(value);
    var serializer = SerializationExtension.get(KIT.system().classicSystem()).findSerializerFor(value);
    assertThat(serializer.getClass().getSimpleName()).isEqualTo("JacksonCborSerializer");
  }
}
