package io.mlopsagent.actors.agent;

import static io.mlopsagent.actors.TestWindows.window;
import static io.mlopsagent.actors.TestWindows.windows;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.mlopsagent.actors.TestPorts;
import io.mlopsagent.actors.metrics.MetricKind;
import io.mlopsagent.actors.model.ModelName;
import java.time.Duration;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelAgentTest {
  private static final ActorTestKit KIT = ActorTestKit.create(
      EventSourcedBehaviorTestKit.config().withFallback(ConfigFactory.load()));
  private static final ModelAgentSettings SETTINGS =
      new ModelAgentSettings(5, 2, 3, Duration.ofMillis(100), Duration.ofSeconds(1));

  private final EventSourcedBehaviorTestKit<ModelAgent.Command, ModelAgent.Event, ModelState> agent =
      EventSourcedBehaviorTestKit.create(KIT.system(),
          ModelAgent.create(ModelName.of("churn-7"), SETTINGS, TestPorts.observingOnly()));

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    agent.clear();
  }

  @Test
  void recordsAWindowAsAnEventAndRemembersIt() {
    var result = agent.<StatusReply<Done>>runCommand(r -> new ModelAgent.Observe(windows(0), r));

    assertThat(result.reply().isSuccess()).isTrue();
    assertThat(result.events()).hasSize(2);
    assertThat(result.events().get(0)).isInstanceOf(ModelAgent.PolicyApplied.class);
    assertThat(result.events().get(1)).isEqualTo(new ModelAgent.WindowObserved(windows(0)));
    assertThat(result.state().eventCount()).isEqualTo(2);
    assertThat(result.state().policy().name()).isEqualTo("default");
    assertThat(result.state().latest()).isEqualTo(window(0));
    assertThat(result.state().firstObservedAt()).isEqualTo(window(0).at());
  }

  @Test
  void refusesAWindowThatIsNotAfterTheLatestAndRecordsItAsADataGap() {
    agent.<StatusReply<Done>>runCommand(r -> new ModelAgent.Observe(windows(2), r));

    var older = agent.<StatusReply<Done>>runCommand(r -> new ModelAgent.Observe(windows(1), r));
    var same = agent.<StatusReply<Done>>runCommand(r -> new ModelAgent.Observe(windows(2), r));

    assertThat(older.reply().isError()).isTrue();
    assertThat(older.reply().getError().getMessage()).contains("is not after the latest window");
    assertThat(older.event()).isInstanceOf(ModelAgent.DataGapRecorded.class);
    assertThat(same.event()).isInstanceOf(ModelAgent.DataGapRecorded.class);
    assertThat(agent.getState().latest()).isEqualTo(window(2));
    assertThat(agent.getState().gapWindows()).isEqualTo(2);
    assertThat(agent.getState().summaries().of(MetricKind.ACCURACY).observed()).isEqualTo(1);
  }

  @Test
  void keepsRollingSummariesOfTheNewestWindows() {
    for (int i = 0; i < 5; i++) {
      int n = i;
      agent.<StatusReply<Done>>runCommand(r -> new ModelAgent.Observe(windows(n), r));
    }

    var throughput = agent.getState().summaries().of(MetricKind.THROUGHPUT_RPS);
    assertThat(throughput.observed()).isEqualTo(5);
    assertThat(throughput.recent()).containsExactly(102, 103, 104);
    assertThat(throughput.mean()).isEqualTo(103.0);
  }

  @Test
  void answersItsStatus() {
    agent.<StatusReply<Done>>runCommand(r -> new ModelAgent.Observe(windows(0), r));
    agent.<StatusReply<Done>>runCommand(r -> new ModelAgent.Observe(windows(1), r));

    ModelAgent.Status status = agent.<ModelAgent.Status>runCommand(ModelAgent.GetStatus::new).reply();

    assertThat(status.name()).isEqualTo("churn-7");
    assertThat(status.eventCount()).isEqualTo(3);
    assertThat(status.known()).isTrue();
    assertThat(status.latest()).isEqualTo(window(1));
  }

  @Test
  void aModelNeverObservedIsUnknown() {
    ModelAgent.Status status = agent.<ModelAgent.Status>runCommand(ModelAgent.GetStatus::new).reply();

    assertThat(status.known()).isFalse();
    assertThat(status.latest()).isNull();
  }

  @Test
  void aRestartedEntityHasTheSameStateFromSnapshotAndEvents() {
    for (int i = 0; i < 12; i++) {
      int n = i;
      agent.<StatusReply<Done>>runCommand(r -> new ModelAgent.Observe(windows(n), r));
    }
    ModelState before = agent.getState();

    ModelState after = agent.restart().state();

    assertThat(after).isEqualTo(before);
    assertThat(after.eventCount()).isEqualTo(13);
  }

  @Test
  void aNewModelLearnsItsBaselinesFromItsPastOnceAndOnlyOnce() {
    java.util.List<io.mlopsagent.actors.metrics.MetricWindow> past = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      past.add(new io.mlopsagent.actors.metrics.MetricWindow(window(0).at().minusSeconds(600L * (50 - i)),
          0.9, 0.1, 0.01, 100, 0.5));
    }

    var warmed = agent.<StatusReply<Integer>>runCommand(r -> new ModelAgent.WarmUp(past, r));
    var again = agent.<StatusReply<Integer>>runCommand(r -> new ModelAgent.WarmUp(past, r));

    assertThat(warmed.reply().getValue()).isEqualTo(50);
    assertThat(warmed.events()).last().isEqualTo(new ModelAgent.BaselineWarmedUp(past));
    assertThat(warmed.state().baselines().of(MetricKind.LATENCY_P95_SECONDS).count()).isEqualTo(50);
    assertThat(warmed.state().latest()).as("the past is not a live window").isNull();
    assertThat(again.reply().getValue()).as("a model with a history is left alone").isZero();
    assertThat(again.hasNoEvents()).isTrue();
    var live = agent.<StatusReply<Done>>runCommand(r -> new ModelAgent.Observe(windows(0), r));
    assertThat(live.reply().isSuccess()).isTrue();
  }
}
