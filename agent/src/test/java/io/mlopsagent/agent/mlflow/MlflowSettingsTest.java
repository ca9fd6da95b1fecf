package io.mlopsagent.agent.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.agent.config.ConfigProblem;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MlflowSettingsTest {

  private static MlflowSettings read(Map<String, Object> keys) {
    return MlflowSettings.fromConfig(ConfigFactory.parseMap(keys));
  }

  @Test
  void onlyTheUrlIsNeededEverythingElseHasDefaults() {
    MlflowSettings s = read(Map.of("url", "http://mlflow.mlflow:5000"));

    assertThat(s.url()).isEqualTo(URI.create("http://mlflow.mlflow:5000"));
    assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.cacheTtl()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.championAlias()).isEqualTo("champion");
    assertThat(s.challengerAlias()).isEqualTo("challenger");
    assertThat(s.accuracyKey()).isEqualTo("validation_accuracy");
    assertThat(s.modelPrefix()).isEmpty();
    assertThat(s.tokenFile()).isEqualTo(Optional.empty());
    assertThat(s.registeredName(ModelName.of("fraud"))).isEqualTo("fraud");
    assertThat(s.apiRoot()).isEqualTo(URI.create("http://mlflow.mlflow:5000/api/2.0/mlflow/"));
  }

  @Test
  void thePrefixIsPrependedToTheModelName() {
    MlflowSettings s = read(Map.of("url", "https://mlflow.example.com/", "model-prefix", "prod."));

    assertThat(s.registeredName(ModelName.of("fraud"))).isEqualTo("prod.fraud");
    assertThat(s.apiRoot()).isEqualTo(URI.create("https://mlflow.example.com/api/2.0/mlflow/"));
  }

  @Test
  void aMissingUrlIsRefusedWithTheKeyNamed() {
    assertThatThrownBy(() -> read(Map.of()))
        .isInstanceOf(ConfigProblem.class)
        .hasMessageContaining("mlops.mlflow.url")
        .hasMessageContaining("http://mlflow.mlflow:5000");
  }

  @Test
  void aUrlThatIsNotHttpIsRefusedWithTheValueNamed() {
    assertThatThrownBy(() -> read(Map.of("url", "ftp://mlflow")))
        .isInstanceOf(ConfigProblem.class)
        .hasMessageContaining("mlops.mlflow.url = 'ftp://mlflow'")
        .hasMessageContaining("http or https");
  }

  @Test
  void aZeroTimeoutIsRefused() {
    assertThatThrownBy(() -> read(Map.of("url", "http://m", "request-timeout", "0s")))
        .hasMessageContaining("mlops.mlflow.request-timeout = '0s'")
        .hasMessageContaining("a positive duration");
  }

  @Test
  void aTimeoutThatIsNotADurationIsRefusedWithTheValueNamed() {
    assertThatThrownBy(() -> read(Map.of("url", "http://m", "cache-ttl", "soon")))
        .isInstanceOf(ConfigProblem.class)
        .hasMessageContaining("mlops.mlflow.cache-ttl = 'soon'");
  }

  @Test
  void theSameAliasForChampionAndChallengerIsRefused() {
    assertThatThrownBy(() -> read(Map.of("url", "http://m", "challenger-alias", "champion")))
        .hasMessageContaining("mlops.mlflow.challenger-alias = 'champion'")
        .hasMessageContaining("different from mlops.mlflow.champion-alias");
  }

  @Test
  void anAliasWithForbiddenCharactersIsRefused() {
    assertThatThrownBy(() -> read(Map.of("url", "http://m", "champion-alias", "a&b")))
        .hasMessageContaining("mlops.mlflow.champion-alias = 'a&b'");
  }
}
