package io.mlopsagent.agent.retraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.mlopsagent.agent.config.ConfigProblem;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrainingSettingsTest {

  private static RetrainingSettings read(String hocon) {
    return RetrainingSettings.fromConfig(ConfigFactory.parseString(hocon));
  }

  @Test
  void withoutConfigurationRetrainingIsOffAndNoTriggerIsBuilt() {
    RetrainingSettings s = read("");

    assertThat(s.kind()).isEqualTo(RetrainingSettings.Kind.NONE);
    assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.maxAttempts()).isEqualTo(3);
    assertThat(RetrainingTriggers.fromSettings(s)).isEmpty();
  }

  @Test
  void aWebhookWithItsSecretFileBuildsAWebhookTrigger(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret"), "abc\n");

    RetrainingSettings s = read("kind = webhook\nurl = \"https://ci.example.com/hook\"\nsecret-file = \"" + secret + "\"");

    assertThat(s.url()).contains(URI.create("https://ci.example.com/hook"));
    assertThat(RetrainingTriggers.fromSettings(s)).get().isInstanceOf(WebhookRetrainingTrigger.class);
  }

  @Test
  void aWebhookWithoutSecretFileIsRefused() {
    assertThatThrownBy(() -> read("kind = webhook\nurl = \"https://ci.example.com/hook\""))
        .isInstanceOf(ConfigProblem.class)
        .hasMessageContaining("mlops.retraining.secret-file = ''")
        .hasMessageContaining("HMAC secret");
  }

  @Test
  void anUnreadableSecretFileIsRefusedWhenTheTriggerIsBuilt(@TempDir Path dir) {
    RetrainingSettings s = read("kind = webhook\nurl = \"http://h/hook\"\nsecret-file = \"" + dir.resolve("none") + "\"");

    assertThatThrownBy(() -> RetrainingTriggers.fromSettings(s))
        .isInstanceOf(ConfigProblem.class)
        .hasMessageContaining("mlops.retraining.secret-file = '" + dir.resolve("none") + "'")
        .hasMessageContaining("a readable file");
  }

  @Test
  void kubeflowReadsThePipelineAndItsParameters() {
    RetrainingSettings s = read("""
        kind = kubeflow
        url = "http://ml-pipeline.kubeflow:8888"
        pipeline-id = p1
        pipeline-version-id = p1v2
        parameters { epochs = 20, full = true }
        request-timeout = 3s
        """);

    assertThat(s.parameters()).isEqualTo(Map.of("epochs", "20", "full", "true"));
    assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(RetrainingTriggers.fromSettings(s)).get().isInstanceOf(KubeflowRetrainingTrigger.class);
  }

  @Test
  void kubeflowWithoutPipelineVersionIsRefused() {
    assertThatThrownBy(() -> read("kind = kubeflow\nurl = \"http://kfp\"\npipeline-id = p1"))
        .hasMessageContaining("mlops.retraining.pipeline-version-id");
  }

  @Test
  void anUnknownKindIsRefusedWithTheAllowedKinds() {
    assertThatThrownBy(() -> read("kind = airflow"))
        .isInstanceOf(ConfigProblem.class)
        .hasMessageContaining("mlops.retraining.kind = 'airflow'")
        .hasMessageContaining("webhook, kubeflow or none");
  }

  @Test
  void aParameterTheAgentSetsItselfIsRefused() {
    assertThatThrownBy(() -> read("kind = kubeflow\nurl = \"http://kfp\"\npipeline-id = p\npipeline-version-id = v\n"
        + "parameters { model = x }"))
        .hasMessageContaining("mlops.retraining.parameters.model");
  }

  @Test
  void outOfRangeAttemptsAndTimeoutsAreRefused() {
    assertThatThrownBy(() -> read("max-attempts = 0")).hasMessageContaining("mlops.retraining.max-attempts = '0'");
    assertThatThrownBy(() -> read("request-timeout = later"))
        .hasMessageContaining("mlops.retraining.request-timeout = 'later'");
    assertThatThrownBy(() -> read("kind = webhook\nurl = \"mailto:x@y\"\nsecret-file = s"))
        .hasMessageContaining("mlops.retraining.url = 'mailto:x@y'");
  }

  @Test
  void backoffDoublesUpToItsLimit() {
    RetryBackoff b = new RetryBackoff(6, Duration.ofSeconds(1), Duration.ofSeconds(5));

    assertThat(b.delayBefore(2)).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.delayBefore(3)).isEqualTo(Duration.ofSeconds(2));
    assertThat(b.delayBefore(4)).isEqualTo(Duration.ofSeconds(4));
    assertThat(b.delayBefore(5)).isEqualTo(Duration.ofSeconds(5));
  }
}
