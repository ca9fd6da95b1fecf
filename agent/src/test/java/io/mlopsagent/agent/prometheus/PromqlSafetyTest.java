package io.mlopsagent.agent.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlopsagent.actors.model.ModelName;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** No model name can change the meaning of a query. */
class PromqlSafetyTest {

  @ParameterizedTest
  @ValueSource(strings = {"a\"} or vector(1) #", "a|b", ".*", "a\\\\", "x{job=\"y\"}", "a)", "a b", "$MODELS"})
  void namesThatCouldInjectAreNeverModelNames(String name) {
    assertThatThrownBy(() -> ModelName.of(name)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theMatcherIsAnAlternationOfEscapedNames() {
    String matcher = PrometheusMetricsSource.modelMatcher("model",
        List.of(ModelName.of("fraud-1"), ModelName.of("churn.v2"), ModelName.of("a_b")));

    assertThat(matcher).isEqualTo("model=~\"a_b|churn\\\\.v2|fraud-1\"");
  }
}
