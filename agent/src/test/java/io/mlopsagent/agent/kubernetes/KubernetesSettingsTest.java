package io.mlopsagent.agent.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.mlopsagent.agent.config.ConfigProblem;
import io.mlopsagent.agent.kubernetes.KubernetesSettings.BlueGreenSwitch;
import io.mlopsagent.agent.kubernetes.KubernetesSettings.TrafficSplit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubernetesSettingsTest {

  @Test
  void anEmptySectionTakesTheDefaults() {
    assertThat(KubernetesSettings.fromConfig(ConfigFactory.empty())).isEqualTo(new KubernetesSettings(
        List.of("default"), TrafficSplit.REPLICAS, "mlops.ai/version", Duration.ofSeconds(10), 3));
  }

  @Test
  void readsEveryKey() {
    var section = ConfigFactory.parseString("""
        namespaces = [models, staging]
        traffic-split = gateway-api
        version-label = "example.com/model-version"
        request-timeout = 3s
        max-retries = 5
        """);

    assertThat(KubernetesSettings.fromConfig(section)).isEqualTo(new KubernetesSettings(
        List.of("models", "staging"), TrafficSplit.GATEWAY_API, "example.com/model-version", Duration.ofSeconds(3), 5));
  }

  @Test
  void readsTheBlueGreenSwitch() {
    var section = ConfigFactory.parseString("blue-green-switch = service-selector");

    assertThat(KubernetesSettings.fromConfig(section).blueGreenSwitch()).isEqualTo(BlueGreenSwitch.SERVICE_SELECTOR);
    assertThat(KubernetesSettings.defaults().blueGreenSwitch()).isEqualTo(BlueGreenSwitch.TEMPLATE);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "namespaces = []                 | mlops.kubernetes.namespaces = [] is invalid: expected a non-empty list",
      "namespaces = [Models_A]         | mlops.kubernetes.namespaces = Models_A is invalid: expected a DNS-1123 label",
      "namespaces = [a, a]             | mlops.kubernetes.namespaces = [a, a] is invalid: expected each namespace once",
      "traffic-split = weighted        | mlops.kubernetes.traffic-split = weighted is invalid: expected replicas or gateway-api",
      "version-label = \"not a label\" | mlops.kubernetes.version-label = not a label is invalid: expected a Kubernetes label key",
      "version-label = mlops.ai/model  | mlops.kubernetes.version-label = mlops.ai/model is invalid: expected a label other than",
      "request-timeout = 0s            | mlops.kubernetes.request-timeout = PT0S is invalid: expected a duration above 0",
      "request-timeout = 1h            | mlops.kubernetes.request-timeout = PT1H is invalid: expected a duration above 0 and at most PT5M",
      "max-retries = 11                | mlops.kubernetes.max-retries = 11 is invalid: expected 0..10",
      "max-retries = many              | mlops.kubernetes.max-retries = \"many\" is invalid",
      "blue-green-switch = selector    | mlops.kubernetes.blue-green-switch = selector is invalid: expected template or service-selector",
      "version-label = mlops.ai/slot   | mlops.kubernetes.version-label = mlops.ai/slot is invalid: expected a label other than",
      "'traffic-split = gateway-api, blue-green-switch = service-selector' | mlops.kubernetes.blue-green-switch = service-selector is invalid: expected template when traffic-split is gateway-api",
  })
  void aBadValueNamesTheKeyTheValueAndWhatIsAllowed(String hocon, String message) {
    assertThatThrownBy(() -> KubernetesSettings.fromConfig(ConfigFactory.parseString(hocon)))
        .isInstanceOf(ConfigProblem.class)
        .hasMessageContaining(message);
  }
}
