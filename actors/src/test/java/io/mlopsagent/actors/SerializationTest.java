package io.mlopsagent.actors;

import static io.mlopsagent.actors.TestWindows.window;
import static io.mlopsagent.actors.TestWindows.windows;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.metrics.MetricSummaries;
import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.poll.FleetPoller;
import io.mlopsagent.actors.poll.PollReport;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.actors.ports.Workload;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every command, event, state and reply goes through Pekko serialization and comes back equal. */
class SerializationTest {
  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final SerializationTestKit SERIALIZATION = new SerializationTestKit(KIT.system());

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  private static final io.mlopsagent.actors.policy.Policy POLICY =
      TestPorts.shippedPolicies().defaultPolicy();
  private static final io.mlopsagent.actors.agent.ModelState STATE = stateAfterSomeWindows();

  private static io.mlopsagent.actors.agent.ModelState stateAfterSomeWindows() {
    io.mlopsagent.actors.agent.ModelState s =
        io.mlopsagent.actors.agent.ModelState.empty(10).apply(new ModelAgent.PolicyApplied(POLICY));
    for (int i = 0; i < 40; i++) {
      s = s.apply(new ModelAgent.WindowObserved(windows(i)));
    }
    return s;
  }

  static Stream<Object> messages() {
    TestProbe<StatusReply<Done>> ack = KIT.createTestProbe();
    TestProbe<ModelAgent.Status> status = KIT.createTestProbe();
    TestProbe<FleetPoller.Fleet> fleet = KIT.createTestProbe();
    TestProbe<Done> done = KIT.createTestProbe();
    MetricSummaries summaries = MetricSummaries.empty(4).with(window(0)).with(window(1));
    MetricWindow withGaps = new MetricWindow(Instant.EPOCH, Double.NaN, Double.POSITIVE_INFINITY, -1, 0, 2);
    return Stream.of(
        new ModelAgent.Observe(windows(3), ack.ref()),
        new ModelAgent.Observe(ModelWindows.of(withGaps), ack.ref()),
        new ModelAgent.Observe(new ModelWindows(window(4), java.util.Map.of("v1", window(4), "v2", withGaps)), ack.ref()),
        new ModelAgent.GetStatus(status.ref()),
        new ModelAgent.WindowObserved(windows(7)),
        new ModelAgent.WindowObserved(ModelWindows.of(withGaps)),
        new ModelAgent.PolicyApplied(POLICY),
        new ModelAgent.BaselineWarmedUp(List.of(window(0), window(1))),
        new ModelAgent.WarmUp(List.of(window(0)), KIT.<StatusReply<Integer>>createTestProbe().ref()),
        new ModelAgent.ActionCompleted(12),
        new ModelAgent.WorkloadSynced(new Workload(ModelName.of("m"), "v1", "v2", 10, 3, 0.5, 1L << 30)),
        new ModelAgent.ActionFailed("m#7", "scaled_out", "refused"),
        new ModelAgent.RolloutResumed(io.mlopsagent.actors.rollout.Decision.PROMOTE, window(3).at()),
        new ModelAgent.DataGapRecorded(io.mlopsagent.actors.detect.DataGap.none(window(3).at())),
        new ModelAgent.Status("m", STATE),
        STATE,
        new ModelAgent.Resume(io.mlopsagent.actors.rollout.Decision.ABORT, KIT.<StatusReply<String>>createTestProbe().ref()),
        new FleetPoller.GetFleet(fleet.ref()),
        new FleetPoller.Stop(done.ref()),
        new FleetPoller.Fleet(List.of(ModelName.of("a"), ModelName.of("b")), 3, window(2).at()),
        new PollReport(window(2).at(), 50, 47, 1, 1, 1, null, 12_345),
        new PollReport(window(2).at(), 50, 0, 0, 0, 0, "fetching metrics: timed out", 99),
        new FleetPoller.PollCompleted(window(2).at(), 50, 49),
        new FleetPoller.State(window(2).at(), 7),
        new FleetPoller.State(null, 0),
        new ActionId("m#12"));
  }

  @ParameterizedTest
  @MethodSource("messages")
  void roundTripsThroughJacksonCbor(Object message) {
    Object copy = SERIALIZATION.verifySerialization(message, true);

    assertThat(copy).isEqualTo(message);
    var serializer = SerializationExtension.get(KIT.system().classicSystem()).findSerializerFor(message);
    assertThat(Serializers.manifestFor(serializer, message)).isNotEmpty();
    assertThat(serializer.getClass().getSimpleName()).isEqualTo("JacksonCborSerializer");
  }
}
