package io.mlopsagent.agent.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlopsagent.agent.cli.MainTest;
import io.mlopsagent.agent.cli.MainTest.Result;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code mlops-agent status} against a real HTTP server answering in the API's shapes. */
class CliStatusTest {
  private final ObjectMapper json = new ObjectMapper();
  private FakeAgent agent;

  @BeforeEach
  void start() throws Exception {
    agent = new FakeAgent()
        .answer("GET", "/api/fleet", 200, Canned.FLEET)
        .answer("GET", "/api/models?offset=0&limit=100", 200, Canned.MODELS_PAGE_1)
        .answer("GET", "/api/models?offset=2&limit=100", 200, Canned.MODELS_PAGE_2)
        .answer("GET", "/api/models/fraud-detector", 200, Canned.MODEL);
  }

  @AfterEach
  void stop() {
    agent.close();
  }

  @Test
  void theFleetIsASummaryLineThenAnAlignedTableOfEveryPage() {
    Result r = MainTest.run("status", "--server", agent.url());

    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0))
        .startsWith("FLEET PAUSED by cli:alice: incident 42 (since 2026-11-27 14:00:00 UTC); ")
        .contains("3 models: 1 healthy, 1 degraded, 1 rolling_out, 0 paused, 0 warming_up")
        .endsWith("1 rollout in flight");
    assertThat(lines.get(1)).matches("NAME +STATE +POLICY +ACCURACY +P95 LATENCY +ERROR RATE +ROLLOUT");
    assertThat(lines).hasSize(5);
    assertThat(lines.get(2)).matches(
        "fraud-detector +rolling_out +fraud-canary +0\\.9123 +210 ms +0\\.4% +canary 6->7 at 25% \\(in_progress\\)");
    assertThat(lines.get(3)).matches("recommender +degraded +default +0\\.81 +450 ms +3\\.1% +-");
    // The third model is on the second page, and an accuracy the agent does not know shows as "-".
    assertThat(lines.get(4)).matches("churn +healthy +default +- +50 ms +0% +-");
    int stateColumn = lines.get(1).indexOf("STATE");
    assertThat(lines.subList(2, 5)).allSatisfy(row ->
        assertThat(row.charAt(stateColumn - 1)).isEqualTo(' '))
        .allSatisfy(row -> assertThat(row.charAt(stateColumn)).isNotEqualTo(' '));
    assertThat(agent.requests()).extracting(FakeAgent.Request::path)
        .containsExactly("/api/fleet", "/api/models?offset=0&limit=100", "/api/models?offset=2&limit=100");
  }

  @Test
  void aModelIsKeyValueLinesWithItsRollout() {
    Result r = MainTest.run("status", "fraud-detector", "--server", agent.url());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().lines()).contains(
        "model:           fraud-detector",
        "state:           rolling_out",
        "paused:          no",
        "policy:          fraud-canary (act)",
        "observed:        120 events since 2026-11-27 12:00:00 UTC",
        "latest window:   2026-11-27 14:05:00 UTC: accuracy 0.9123, p95 latency 210 ms, error rate 0.4%,"
            + " throughput 120 rps, CPU 45%",
        "workload:        version 6 serving, 3 replicas x 1 CPU; candidate 7 at 25%",
        "signals:         latency_degraded 2 windows",
        "surprise:        accuracy 0.1",
        "rollout:         canary 6->7 at 25% (in_progress), id r-1",
        "rollout started: 2026-11-27 13:00:00 UTC",
        "rollout reason:  the registry has 7 validating at 0.95");
    assertThat(agent.last().path()).isEqualTo("/api/models/fraud-detector");
  }

  @Test
  void jsonPrintsTheAgentsAnswerIndented() throws Exception {
    Result r = MainTest.run("status", "fraud-detector", "--json", "--server", agent.url());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(json.readTree(r.out())).isEqualTo(json.readTree(Canned.MODEL));
    assertThat(r.out()).contains("\n  \"name\" : \"fraud-detector\"");
  }

  @Test
  void jsonOfTheFleetHoldsTheFleetAndEveryModel() throws Exception {
    Result r = MainTest.run("status", "--json", "--server", agent.url());

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode both = json.readTree(r.out());
    assertThat(both.get("fleet")).isEqualTo(json.readTree(Canned.FLEET));
    assertThat(both.get("models").findValuesAsText("name")).containsExactly("fraud-detector", "recommender", "churn");
  }

  @Test
  void readsNameWhoAsksForTheAuditTrail() {
    Result r = MainTest.run("status", "fraud-detector", "--server", agent.url());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(agent.last().method()).isEqualTo("GET");
    assertThat(agent.last().actor()).matches("cli:[A-Za-z0-9._@:/-]{1,60}");
  }
}
