package io.mlopsagent.simulation.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void theJsonHasTheScenarioSeedAndEveryKpiOfEveryPolicyInOrder() throws Exception {
    SimulationReport report = SampleReports.twoDays("weekday-drift", "drift on a weekday");

    JsonNode json = MAPPER.readTree(ReportJson.toJson(report));

    assertThat(fieldNames(json).subList(0, 3)).containsExactly("scenario", "seed", "policies");
    assertThat(json.get("scenario").asText()).isEqualTo("weekday-drift");
    assertThat(json.get("seed").asLong()).isEqualTo(42);
    assertThat(fieldNames(json.get("policies"))).containsExactlyElementsOf(SampleReports.POLICIES);
    for (PolicyRun run : report.policies()) {
      JsonNode kpis = json.get("policies").get(run.policy());
      assertThat(fieldNames(kpis)).containsExactlyElementsOf(run.kpis().keySet());
      for (Map.Entry<String, Double> kpi : run.kpis().entrySet()) {
        assertThat(kpis.get(kpi.getKey()).isNumber()).isTrue();
        assertThat(kpis.get(kpi.getKey()).doubleValue()).isEqualTo(kpi.getValue());
      }
    }
  }

  @Test
  void theContextCarriesDelaysAdaptationCountsAndWallTime() throws Exception {
    JsonNode json = MAPPER.readTree(ReportJson.toJson(SampleReports.twoDays("s", "")));

    JsonNode spike = json.get("detection_delay_by_fault_kind").get("none").get("latency-spike");
    assertThat(spike.get("p50_windows").doubleValue()).isEqualTo(3.0);
    assertThat(spike.get("p95_windows").doubleValue()).isEqualTo(8.0);
    assertThat(spike.get("detected").intValue()).isEqualTo(3);
    assertThat(spike.get("faults").intValue()).isEqualTo(4);
    // "none" (p = 1) made three adaptations, all of them false.
    assertThat(json.get("adaptations").get("none").get("total").intValue()).isEqualTo(3);
    assertThat(json.get("adaptations").get("none").get("false").intValue()).isEqualTo(3);
    assertThat(json.has("wall_seconds")).as("wall time varies from run to run").isFalse();
    assertThat(json.get("duration").asText()).isEqualTo("PT48H");
    assertThat(json.get("model_days").doubleValue()).isEqualTo(24.0);
  }

  @Test
  void aNonFiniteFigureIsRefusedWithItsPlace() {
    PolicyRun nan = new PolicyRun("agent", Map.of(Kpi.SLO_VIOLATION_MINUTES, Double.NaN), Map.of(), List.of(),
        List.of(), 1);
    PolicyRun infiniteDelay = new PolicyRun("none", Map.of(),
        Map.of("latency-spike", new PolicyRun.Delay(1, Double.POSITIVE_INFINITY, 1, 1)), List.of(), List.of(), 1);

    assertThatThrownBy(() -> ReportJson.toJson(SampleReports.report("s", "", List.of(nan))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("policies.agent.slo_violation_minutes is NaN");
    assertThatThrownBy(() -> ReportJson.toJson(SampleReports.report("s", "", List.of(infiniteDelay))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("latency-spike.p95_windows is Infinity");
  }

  @Test
  void theSameReportGivesTheSameBytesInTheFile(@TempDir Path dir) throws Exception {
    SimulationReport report = SampleReports.twoDays("s", "d");
    Path file = dir.resolve("out").resolve("report.json");

    ReportJson.write(report, file);

    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .isEqualTo(ReportJson.toJson(report))
        .isEqualTo(ReportJson.toJson(SampleReports.twoDays("s", "d")))
        .doesNotContain("\r");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
