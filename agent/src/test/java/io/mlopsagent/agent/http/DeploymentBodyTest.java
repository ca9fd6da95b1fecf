package io.mlopsagent.agent.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlopsagent.actors.agent.DeploymentRequest;
import io.mlopsagent.actors.rollout.Strategy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deployment request body's strategy: each of the three words, none, or a clear refusal. */
class DeploymentBodyTest {
  private static final Instant AT = Instant.parse("2026-01-05T10:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static DeploymentRequest parse(String body) throws Exception {
    JsonNode node = JSON.readTree(body);
    return DeploymentBody.parse(node, "ci", List.of("production"), AT);
  }

  @Test
  void eachStrategyWordIsAccepted() throws Exception {
    assertThat(parse("{\"version\":\"v2\",\"environment\":\"production\",\"strategy\":\"rolling\"}").strategy())
        .isEqualTo(Strategy.ROLLING);
    assertThat(parse("{\"version\":\"v2\",\"environment\":\"production\",\"strategy\":\"canary\"}").strategy())
        .isEqualTo(Strategy.CANARY);
    assertThat(parse("{\"version\":\"v2\",\"environment\":\"production\",\"strategy\":\"blue-green\"}").strategy())
        .isEqualTo(Strategy.BLUE_GREEN);
    assertThat(parse("{\"version\":\"v2\",\"environment\":\"production\"}").strategy()).isNull();
  }

  @Test
  void anUnknownStrategyIsRefusedListingTheThree() {
    assertThatThrownBy(() -> parse("{\"version\":\"v2\",\"environment\":\"production\",\"strategy\":\"ROLLING\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("field 'strategy' = 'ROLLING': expected canary, blue-green or rolling (or no strategy, to let the"
            + " agent choose)");
  }
}
