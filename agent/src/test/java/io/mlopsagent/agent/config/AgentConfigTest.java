package io.mlopsagent.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.mlopsagent.persistence.DatabaseTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {

  @Test
  void packagedDefaultsGiveAnH2JournalAndTheLoopbackAdminPort() {
    AgentConfig c = AgentConfig.load(Optional.empty(), ConfigFactory.parseMap(Map.of("mlops.db.url", "")));

    assertThat(c.database()).isInstanceOf(DatabaseTarget.H2File.class);
    assertThat(c.http().iface()).isEqualTo("127.0.0.1");
    assertThat(c.http().port()).isEqualTo(8080);
    assertThat(c.demo().models()).isEqualTo(50);
    assertThat(c.pollerStep()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.pekko().getString("pekko.actor.provider")).isEqualTo("cluster");
  }

  @Test
  void flagsWinOverTheConfigFileWhichWinsOverDefaults(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("my.conf"),
        "mlops.http.port = 9000\nmlops.demo.models = 7\nmlops.db.url = \"\"\n");

    AgentConfig c = AgentConfig.load(Optional.of(file), ConfigFactory.parseMap(Map.of("mlops.http.port", 9100)));

    assertThat(c.http().port()).isEqualTo(9100);
    assertThat(c.demo().models()).isEqualTo(7);
  }

  @Test
  void aPostgresUrlTakesItsCredentialsFromFilesWhenGiven(@TempDir Path dir) throws Exception {
    Path user = Files.writeString(dir.resolve("user"), "mlops\n");
    Path password = Files.writeString(dir.resolve("password"), "s3cret\n");

    AgentConfig c = AgentConfig.load(Optional.empty(), ConfigFactory.parseMap(Map.of(
        "mlops.db.url", "jdbc:postgresql://db.example:5432/mlops",
        "mlops.db.user", "ignored",
        "mlops.db.user-file", user.toString(),
        "mlops.db.password-file", password.toString())));

    assertThat(c.database()).isEqualTo(
        new DatabaseTarget.Postgres("jdbc:postgresql://db.example:5432/mlops", "mlops", "s3cret"));
    assertThat(c.database().describe()).doesNotContain("s3cret");
    assertThat(c.database().toString()).doesNotContain("s3cret");
  }

  @Test
  void anUnreadablePasswordFileIsNamed(@TempDir Path dir) {
    assertThatThrownBy(() -> AgentConfig.load(Optional.empty(), ConfigFactory.parseMap(Map.of(
            "mlops.db.url", "jdbc:postgresql://db/x",
            "mlops.db.password-file", dir.resolve("missing").toString()))))
        .isInstanceOf(ConfigProblem.class)
        .hasMessageContaining("mlops.db.password-file")
        .hasMessageContaining("missing");
  }

  @Test
  void badValuesNameTheKeyTheValueAndWhatIsAllowed() {
    assertThatThrownBy(() -> load("mlops.http.port", 70000))
        .hasMessageContaining("mlops.http.port = 70000").hasMessageContaining("0..65535");
    assertThatThrownBy(() -> load("mlops.demo.speed", 0))
        .hasMessageContaining("mlops.demo.speed");
    assertThatThrownBy(() -> load("mlops.poller.step", "0s"))
        .hasMessageContaining("mlops.poller.step").hasMessageContaining("positive duration");
    assertThatThrownBy(() -> load("mlops.http.ask-timeout", "soon"))
        .isInstanceOf(ConfigProblem.class).hasMessageContaining("ask-timeout");
    assertThatThrownBy(() -> load("mlops.db.url", "jdbc:mysql://db/x"))
        .hasMessageContaining("mlops.db.url").hasMessageContaining("jdbc:postgresql://");
    assertThatThrownBy(() -> load("mlops.learner.max-delay", "3d"))
        .isInstanceOf(ConfigProblem.class).hasMessageContaining("mlops.learner.max-delay was PT72H")
        .hasMessageContaining("0s to 2d");
    assertThatThrownBy(() -> load("mlops.learner.training-set-size", 5))
        .isInstanceOf(ConfigProblem.class).hasMessageContaining("mlops.learner.training-set-size was 5")
        .hasMessageContaining("10 or more");
    assertThatThrownBy(() -> load("mlops.learner.retrain-every", "soon"))
        .isInstanceOf(ConfigProblem.class).hasMessageContaining("retrain-every");
  }

  @Test
  void aBrokenConfigFileIsNamed(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("broken.conf"), "mlops { http.port = \n");

    assertThatThrownBy(() -> AgentConfig.load(Optional.of(file), ConfigFactory.empty()))
        .isInstanceOf(ConfigProblem.class)
        .hasMessageContaining("broken.conf");
  }

  private static AgentConfig load(String key, Object value) {
    return AgentConfig.load(Optional.empty(), ConfigFactory.parseMap(Map.of(key, value)));
  }
}
