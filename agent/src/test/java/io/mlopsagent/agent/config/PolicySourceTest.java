package io.mlopsagent.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.policy.LearnerPolicy;
import io.mlopsagent.actors.policy.PolicyMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicySourceTest {

  @Test
  void aPartialPoliciesFileChangesOnlyWhatItNames(@TempDir Path dir) throws Exception {
    Path file = write(dir.resolve("policies.conf"), "policies.default.mode = recommend\n", 1);

    AgentConfig c = load(file);

    assertThat(c.policies().defaultPolicy().mode()).isEqualTo(PolicyMode.RECOMMEND);
    assertThat(c.policies().defaultPolicy().detection().thresholds().accuracyDrop()).isEqualTo(0.05);
  }

  @Test
  void aChangedValidFileReplacesThePolicies(@TempDir Path dir) throws Exception {
    Path file = write(dir.resolve("policies.conf"), "policies.default.mode = act\n", 1);
    AgentConfig c = load(file);

    write(file, "policies.default.mode = observe\npolicies.overrides = [{ name = fraud, match.model = \"fraud-*\","
        + " rollout.strategy = canary }]\n", 2);
    Optional<String> message = c.policySource().reloadIfChanged();

    assertThat(message).hasValueSatisfying(m -> assertThat(m).contains("reloaded").contains("1 override"));
    assertThat(c.policies().defaultPolicy().mode()).isEqualTo(PolicyMode.OBSERVE);
    assertThat(c.policies().resolve(ModelName.of("fraud-1"), Map.of()).name()).isEqualTo("fraud");
    assertThat(c.policySource().reloadIfChanged()).as("unchanged file").isEmpty();
  }

  @Test
  void aBadFileIsRefusedWholeAndThePoliciesInForceStay(@TempDir Path dir) throws Exception {
    Path file = write(dir.resolve("policies.conf"), "policies.default.mode = recommend\n", 1);
    AgentConfig c = load(file);

    write(file, "policies.default.mode = observe\npolicies.default.detection.thresholds.latency-factor = 0.5\n"
        + "policies.default.scaling.max-replica = 3\n", 2);
    Optional<String> message = c.policySource().reloadIfChanged();

    assertThat(message).hasValueSatisfying(m -> assertThat(m)
        .contains("refused").contains("latency-factor").contains("max-replica"));
    assertThat(c.policies().defaultPolicy().mode()).isEqualTo(PolicyMode.RECOMMEND);
  }

  @Test
  void aBadOrMissingFileAtStartIsAConfigurationProblem(@TempDir Path dir) throws Exception {
    Path bad = write(dir.resolve("bad.conf"), "policies.default.mode = sometimes\n", 1);

    assertThatThrownBy(() -> load(bad)).isInstanceOf(ConfigProblem.class)
        .hasMessageContaining("bad.conf").hasMessageContaining("sometimes").hasMessageContaining("recommend");
    assertThatThrownBy(() -> load(dir.resolve("missing.conf"))).isInstanceOf(ConfigProblem.class)
        .hasMessageContaining("missing.conf");
  }

  @Test
  void theLearnerSettingsOfTheFileAreReloadedAndABadOneLeavesThemInForce(@TempDir Path dir) throws Exception {
    Path file = write(dir.resolve("policies.conf"), "policies.default.mode = act\n", 1);
    AgentConfig c = load(file);
    assertThat(c.policies().learner()).as("no section: mlops.learner.* decide").isEqualTo(LearnerPolicy.UNSET);

    write(file, "policies.learner { retrain-every-outcomes = 10, retrain-every = 2h }\n", 2);
    assertThat(c.policySource().reloadIfChanged()).hasValueSatisfying(m -> assertThat(m).contains("reloaded"));
    assertThat(c.policies().learner()).isEqualTo(new LearnerPolicy(10, Duration.ofHours(2)));

    write(file, "policies.learner { retrain-every-outcomes = 0, retrain-every = 2h }\n", 3);
    assertThat(c.policySource().reloadIfChanged()).hasValueSatisfying(m -> assertThat(m).contains("refused")
        .contains("policies.learner.retrain-every-outcomes = 0: expected an integer from 1 to 1000000"));
    assertThat(c.policies().learner()).isEqualTo(new LearnerPolicy(10, Duration.ofHours(2)));
  }

  private static AgentConfig load(Path policies) {
    return AgentConfig.load(Optional.empty(), ConfigFactory.parseMap(Map.of(
        "mlops.policies-file", policies.toString(), "mlops.db.url", "")));
  }

  /** Writes the file with a distinct modification time, as a later edit would have. */
  private static Path write(Path file, String text, int version) throws Exception {
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(version)));
    return file;
  }
}
