package io.mlopsagent.actors.learn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.mlopsagent.actors.rollout.Strategy;
import java.time.Instant;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Outcomes are journaled for the learner: they round-trip, and the older journals still read. */
class OutcomeSerializationTest {
  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final SerializationTestKit SERIALIZATION = new SerializationTestKit(KIT.system());
  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  private static DeploymentOutcome outcome() {
    DeploymentFeatures planned = new DeploymentFeatures(180, 2.5, 0.91, 0.12, 4, 0.5, 9, 1, 0.8, 2, Strategy.CANARY, 3,
        30.0).withPlan(Strategy.ROLLING, 4, 1.5);
    return new DeploymentOutcome("fraud-scoring", "fraud-scoring-r7", "v2", START, START.plusSeconds(900), planned,
        DeploymentOutcome.Result.PROMOTED, 900, 1.5);
  }

  @Test
  void anOutcomeKeepsTheModelsOwnCpuBesideThePlans() {
    DeploymentOutcome copy = SERIALIZATION.verifySerialization(outcome(), true);

    assertThat(copy).isEqualTo(outcome());
    assertThat(copy.features().cpuCores()).isEqualTo(1.5);
    assertThat(copy.features().servingCpuCores()).isEqualTo(0.5);
    assertThat(copy.features().strategy()).isEqualTo(Strategy.ROLLING);
  }

  @Test
  void anOutcomeJournaledBeforeTheServingCpuWasKeptStillReads() throws Exception {
    Serialization serialization = SerializationExtension.get(KIT.system().classicSystem());
    DeploymentOutcome now = outcome();
    byte[] bytes = serialization.serialize(now).get();
    // The same event as an older agent wrote it: without the field.
    ObjectMapper cbor = new CBORMapper();
    ObjectNode tree = (ObjectNode) cbor.readTree(bytes);
    ((ObjectNode) tree.get("features")).remove("servingCpuCores");
    byte[] older = cbor.writeValueAsBytes(tree);

    var serializer = serialization.findSerializerFor(now);
    DeploymentOutcome read = (DeploymentOutcome) serialization.deserialize(older, serializer.identifier(),
        Serializers.manifestFor(serializer, now)).get();

    assertThat(read.features().cpuCores()).isEqualTo(1.5);
    // Not known: 0 (what a missing number reads as), which no serving model requests.
    assertThat(read.features().servingCpuCores()).isZero();
    assertThat(read.durationSeconds()).isEqualTo(900);
  }
}
