package io.mlopsagent.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.model.ModelName;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second daemon on the same data continues the first one's history instead of starting over. */
class DaemonRestartTest {
  private static final ModelName MODEL = ModelName.of("fraud-scoring-001");

  @Test
  void aSecondRunOnTheSameDataContinuesTheHistory(@TempDir Path data) throws Exception {
    ModelAgent.Status before;
    try (Daemon daemon = TestDaemons.start(data, 3)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> status(daemon).eventCount() >= 5);
      before = status(daemon);
    }

    try (Daemon daemon = TestDaemons.start(data, 3)) {
      ModelAgent.Status recovered = status(daemon);
      assertThat(recovered.eventCount()).isGreaterThanOrEqualTo(before.eventCount());
      assertThat(recovered.firstObservedAt()).isEqualTo(TestDaemons.START);

      await().atMost(Duration.ofSeconds(30)).until(() -> status(daemon).eventCount() > recovered.eventCount() + 3);
      ModelAgent.Status later = status(daemon);
      assertThat(later.firstObservedAt()).isEqualTo(TestDaemons.START);
      assertThat(later.latest().at()).isAfter(before.latest().at());
      assertThat(daemon.metrics().windowsRejected()).as("no window goes back in time").isZero();
    }
  }

  private static ModelAgent.Status status(Daemon daemon) throws Exception {
    return AskPattern.<ModelAgent.Command, ModelAgent.Status>ask(
            ClusterSharding.get(daemon.system()).entityRefFor(ModelAgent.ENTITY_KEY, MODEL.value()),
            ModelAgent.GetStatus::new, Duration.ofSeconds(10), daemon.system().scheduler())
        .toCompletableFuture().get();
  }
}
