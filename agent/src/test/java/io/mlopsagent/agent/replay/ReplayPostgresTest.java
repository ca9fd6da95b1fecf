package io.mlopsagent.agent.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.mlopsagent.actors.policy.ModelGlob;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.persistence.ThrowawayPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Replay reads a PostgreSQL journal the daemon wrote, in read-only transactions, streamed. */
class ReplayPostgresTest {

  @Test
  @Tag("slow")
  @ExtendWith(ThrowawayPostgres.Extension.class)
  void replaysAPostgresJournalWithoutWritingToIt(ThrowawayPostgres pg) throws Exception {
    String url = pg.newDatabase();
    AgentConfig config = AgentConfig.load(Optional.empty(), ConfigFactory.parseMap(Map.of(
        "mlops.db.url", url, "mlops.db.user", pg.user(), "mlops.http.port", 0, "mlops.demo.models", 10)));
    RecordedJournals.record(config);
    List<Long> before = RecordedJournals.rowCounts(url, pg.user());

    ReplayReport report = Replay.run(new Replay.Settings(config.database(), Duration.ofSeconds(10),
        config.policies(), Path.of("conf/policies.conf"), ModelGlob.ANY, null, null, 3, 60));

    assertThat(report.models()).hasSize(10);
    assertThat(report.recorded().decisions()).isGreaterThanOrEqualTo(RecordedJournals.EVERY_ADAPTATION.size());
    assertThat(report.changedDecisions()).isZero();
    assertThat(RecordedJournals.rowCounts(url, pg.user())).isEqualTo(before);
  }
}
