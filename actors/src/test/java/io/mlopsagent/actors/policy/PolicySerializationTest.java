package io.mlopsagent.actors.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Policies are journaled with decisions and may be handed between actors: they go through the
 * daemon's Jackson CBOR serialization and come back equal. (Pekko only in this test: the policy
 * package itself does not depend on it.)
 */
class PolicySerializationTest {
  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final SerializationTestKit SERIALIZATION = new SerializationTestKit(KIT.system());

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  static Stream<Object> policies() {
    PolicyBook book = ShippedPolicies.with("""
        policies.overrides = [
          { name = fraud-canary, match { model = "fraud-*", labels { "mlops.ai/tier" = critical } },
            mode = recommend, rollout { strategy = canary, canary-steps = [5, 50, 100] }, scaling.resource = both }
        ]
        policies.learner { retrain-every-outcomes = 40, retrain-every = 2h }
        """);
    Policy fraud = book.overrides().get(0).policy();
    return Stream.of(book, book.defaultPolicy(), fraud, fraud.detection(), fraud.rollout(),
        book.overrides().get(0), book.overrides().get(0).match(), book.learner(),
        new LearnerPolicy(null, java.time.Duration.ofMinutes(30)), ShippedPolicies.with(""));
  }

  @ParameterizedTest
  @MethodSource("policies")
  void roundTripsThroughJacksonCbor(Object policy) {
    Object copy = SERIALIZATION.verifySerialization(policy, true);

    assertThat(copy).isEqualTo(policy);
    var serializer = SerializationExtension.get(KIT.system().classicSystem()).findSerializerFor(policy);
    assertThat(serializer.getClass().getSimpleName()).isEqualTo("JacksonCborSerializer");
  }
}
