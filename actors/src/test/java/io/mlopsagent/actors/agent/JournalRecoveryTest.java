package io.mlopsagent.actors.agent;

import static io.mlopsagent.actors.TestWindows.window;
import static io.mlopsagent.actors.TestWindows.windows;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.mlopsagent.actors.TestPorts;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.persistence.DatabaseTarget;
import io.mlopsagent.persistence.JournalSettings;
import io.mlopsagent.persistence.SchemaMigration;
import io.mlopsagent.persistence.ThrowawayPostgres;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model's memory survives the process: record windows through the real JDBC journal (across a
 * snapshot), stop the actor system, start a new one on the same database, and find the same state.
 */
class JournalRecoveryTest {
  private static final ModelAgentSettings SETTINGS =
      new ModelAgentSettings(100, 2, 60, Duration.ofMillis(200), Duration.ofSeconds(2));
  private static final int WINDOWS = 250;

  @Test
  void recoversFromAnH2File(@TempDir Path dir) {
    recoversAfterRestart(new DatabaseTarget.H2File(dir.resolve("data")));
  }

  @Test
  @Tag("slow")
  @ExtendWith(ThrowawayPostgres.Extension.class)
  void recoversFromPostgres(ThrowawayPostgres pg) {
    recoversAfterRestart(new DatabaseTarget.Postgres(pg.newDatabase(), pg.user(), ""));
  }

  private static void recoversAfterRestart(DatabaseTarget target) {
    SchemaMigration.migrate(target, Duration.ofSeconds(10));
    ModelName model = ModelName.of("recovering-model");

    ModelAgent.Status before;
    ActorTestKit first = start(target);
    try {
      ActorRef<ModelAgent.Command> agent = first.spawn(ModelAgent.create(model, SETTINGS, TestPorts.observingOnly()));
      TestProbe<StatusReply<Done>> acks = first.createTestProbe();
      for (int i = 0; i < WINDOWS; i++) {
        agent.tell(new ModelAgent.Observe(windows(i), acks.ref()));
      }
      for (int i = 0; i < WINDOWS; i++) {
        assertThat(acks.receiveMessage(Duration.ofSeconds(10)).isSuccess()).isTrue();
      }
      before = status(first, agent);
    } finally {
      first.shutdownTestKit();
    }

    ActorTestKit second = start(target);
    try {
      ActorRef<ModelAgent.Command> agent = second.spawn(ModelAgent.create(model, SETTINGS, TestPorts.observingOnly()));
      ModelAgent.Status after = status(second, agent);

      assertThat(after).isEqualTo(before);
      assertThat(after.eventCount()).isEqualTo(WINDOWS + 1);
      assertThat(after.latest()).isEqualTo(window(WINDOWS - 1));

      TestProbe<StatusReply<Done>> acks = second.createTestProbe();
      agent.tell(new ModelAgent.Observe(windows(WINDOWS - 1), acks.ref()));
      assertThat(acks.receiveMessage().isError()).as("a replayed window is refused after recovery").isTrue();
      agent.tell(new ModelAgent.Observe(windows(WINDOWS), acks.ref()));
      assertThat(acks.receiveMessage().isSuccess()).isTrue();
      // The refused window is a data gap event, the accepted one a window event.
      assertThat(status(second, agent).eventCount()).isEqualTo(WINDOWS + 3);
    } finally {
      second.shutdownTestKit();
    }
  }

  private static ActorTestKit start(DatabaseTarget target) {
    return ActorTestKit.create("recovery", JournalSettings.forTarget(target)
        .withFallback(ConfigFactory.parseString("pekko.actor.serialize-messages = on"))
        .withFallback(ConfigFactory.load()));
  }

  private static ModelAgent.Status status(ActorTestKit kit, ActorRef<ModelAgent.Command> agent) {
    TestProbe<ModelAgent.Status> probe = kit.createTestProbe();
    agent.tell(new ModelAgent.GetStatus(probe.ref()));
    return probe.receiveMessage(Duration.ofSeconds(10));
  }
}
