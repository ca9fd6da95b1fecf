package io.mlopsagent.actors.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelNameTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "fraud-scoring-001", "Model.v2", "x_y", "a123456789012345678901234567890123456789012345678901234567890bc"})
  void acceptsKubernetesLabelValues(String name) {
    assertThat(ModelName.of(name).value()).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-a", "a-", "a b", "a/b", "a\"}", "..", "a{b}", "m\n", "é",
      "a1234567890123456789012345678901234567890123456789012345678901bcd"})
  void refusesAnythingElseWithAMessageThatNamesIt(String name) {
    assertThatThrownBy(() -> ModelName.of(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model name '")
        .hasMessageContaining("1-63 characters");
  }
}
