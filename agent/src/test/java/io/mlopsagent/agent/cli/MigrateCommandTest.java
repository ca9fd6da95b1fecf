package io.mlopsagent.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mlopsagent.agent.cli.MainTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlops-agent migrate}: what the schema Job of k8s/ runs. */
class MigrateCommandTest {

  @Test
  void migratesAnH2JournalOnceThenAppliesNothing(@TempDir Path dir) {
    Path data = dir.resolve("data");

    Result first = MainTest.run("migrate", "--data", data.toString());
    Result second = MainTest.run("migrate", "--data", data.toString());

    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).contains("H2 file").contains("schema version 1").contains("1 migration(s) applied");
    assertThat(data.resolve("mlops-journal.mv.db")).exists();
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.out()).contains("schema version 1").contains("0 migration(s) applied");
  }

  @Test
  void readsTheDatabaseFromTheConfigFile(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("from-file");
    Path conf = Files.writeString(dir.resolve("agent.conf"), "mlops.data-dir = \"" + data.toString().replace("\\", "/") + "\"\n");

    Result r = MainTest.run("migrate", "--config", conf.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(data.resolve("mlops-journal.mv.db")).exists();
  }

  @Test
  void anUnreachableDatabaseExitsOneNamingIt(@TempDir Path dir) {
    Result r = assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
        MainTest.run("migrate", "--db-url", "jdbc:postgresql://127.0.0.1:1/none", "--data", dir.toString()));

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip()).startsWith("error: cannot reach database jdbc:postgresql://127.0.0.1:1/none")
        .doesNotContain("\tat ");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aBadConfigurationIsABadCommandLine(@TempDir Path dir) throws Exception {
    Path conf = Files.writeString(dir.resolve("bad.conf"), "mlops.persistence.connect-timeout = 0s\n");

    Result r = MainTest.run("migrate", "--config", conf.toString(), "--data", dir.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("mlops.persistence.connect-timeout");
  }

  @Test
  void theCommandListNamesIt() {
    assertThat(MainTest.run("--help").out()).contains("migrate");
  }
}
