package io.mlopsagent.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlopsagent.agent.cli.MainTest;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every benchmark at a tiny size, through the command line: it exits 0 and its last line is one
 * JSON object with plausible figures.
 */
class BenchCommandTest {

  @Test
  void journalOnH2PrintsItsFiguresAsJson() throws Exception {
    JsonNode figures = runJson("bench", "journal", "--database", "h2", "--events", "2000", "--writers", "50",
        "--json");

    assertThat(figures.get("h2_events_per_second").asDouble()).isPositive();
    assertThat(figures.get("event_bytes").asInt()).isBetween(50, 2_000);
    assertThat(figures.has("postgres_events_per_second")).isFalse();
  }

  @Test
  @Tag("slow")
  void journalOnPostgresPrintsItsFiguresAsJson() throws Exception {
    JsonNode figures = runJson("bench", "journal", "--database", "postgres", "--events", "2000", "--writers", "50",
        "--json");

    assertThat(figures.get("postgres_events_per_second").asDouble()).isPositive();
  }

  @Test
  @Tag("slow")
  void scaleMeasuresASmallFleet() throws Exception {
    JsonNode figures = runJson("bench", "scale", "--models", "50", "--interval", "2s", "--duration", "8s", "--json");

    assertThat(figures.get("observations_per_second").asDouble()).isPositive();
    assertPercentiles(figures, "latency_p50_ms", "latency_p99_ms");
    assertThat(figures.get("heap_used_mb").asDouble()).isPositive();
    assertThat(figures.get("polls_measured").asInt()).isPositive();
  }

  @Test
  @Tag("slow")
  void recoveryRecoversEveryModel() throws Exception {
    JsonNode figures = runJson("bench", "recovery", "--models", "200", "--json");

    assertThat(figures.get("models").asInt()).isEqualTo(200);
    assertThat(figures.get("recovery_seconds").asDouble()).isPositive();
    assertThat(figures.get("events_replayed_per_model").asInt()).isPositive();
  }

  @Test
  @Tag("slow")
  void adminLoadsTheStatusEndpoints() throws Exception {
    JsonNode figures = runJson("bench", "admin", "--models", "100", "--duration", "3s", "--concurrency", "4",
        "--json");

    assertThat(figures.get("requests_per_second").asDouble()).isPositive();
    assertPercentiles(figures, "p50_ms", "p99_ms");
    assertThat(figures.get("errors").asLong()).isZero();
  }

  @Test
  void predictorPrintsItsFiguresAsJson() throws Exception {
    JsonNode figures = runJson("bench", "predictor", "--small-outcomes", "100", "--large-outcomes", "300",
        "--predictions", "1000", "--json");

    assertThat(figures.has("train_seconds_1k")).isTrue();
    assertThat(figures.get("train_seconds_10k").asDouble()).isPositive();
    assertPercentiles(figures, "predict_p50_ms", "predict_p99_ms");
    assertThat(figures.get("holdout_r2_10k").asDouble()).isBetween(0.0, 1.0);
    assertThat(figures.get("holdout_auc_10k").asDouble()).isBetween(0.5, 1.0);
  }

  @Test
  void predictorShowsTheBarsInItsHumanOutput() {
    MainTest.Result r = MainTest.run("bench", "predictor", "--small-outcomes", "100", "--large-outcomes", "200",
        "--predictions", "1000");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("seed: training on 100 outcomes", "< 30 s", "ours: one prediction, p99", "<= 1 ms")
        .doesNotContain("{\"");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "bench | a benchmark is required",
    "bench scale --models 0 | '--models': 0 is out of range: expected 1 to 100000",
    "bench scale --interval 50ms | '--interval': 50ms is out of range: expected 100ms to 10m",
    "bench scale --duration 20s | '--duration': 20s is out of range: expected 30s to 1h",
    "bench journal --events 10 | '--events': 10 is out of range: expected 1000 to 10000000",
    "bench journal --database mysql | '--database'",
    "bench recovery --models 0 | '--models': 0 is out of range: expected 1 to 100000",
    "bench admin --concurrency 0 | '--concurrency': 0 is out of range: expected 1 to 256",
    "bench admin --duration 11m | '--duration': 11m is out of range: expected 1s to 10m",
    "bench predictor --predictions 10 | '--predictions': 10 is out of range: expected 1000 to 10000000",
  })
  void badOptionsExitTwoNamingTheOptionAndRange(String args, String message) {
    MainTest.Result r = MainTest.run(args.split(" "));

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(message);
  }

  private static void assertPercentiles(JsonNode figures, String p50, String p99) {
    double median = figures.get(p50).asDouble();
    assertThat(median).isPositive();
    assertThat(median).isLessThanOrEqualTo(figures.get(p99).asDouble());
  }

  private static JsonNode runJson(String... args) throws Exception {
    MainTest.Result r = MainTest.run(args);
    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = r.out().strip().lines().toList();
    return new ObjectMapper().readTree(lines.get(lines.size() - 1));
  }
}
