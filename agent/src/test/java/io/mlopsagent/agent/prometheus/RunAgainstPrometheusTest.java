package io.mlopsagent.agent.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.mlopsagent.actors.poll.WallClockSchedule;
import io.mlopsagent.agent.cli.MainTest;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.agent.daemon.Daemon;
import io.mlopsagent.agent.daemon.RealWorld;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} with Kubernetes disabled, against a real Prometheus: every model's scraped values
 * show in {@code latest}.
 */
@Tag("slow")
class RunAgainstPrometheusTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void servesTheScrapedValuesOfEveryModel(@TempDir Path data) throws Exception {
    try (TestExporter exporter = new TestExporter(); RealPrometheus prometheus = new RealPrometheus(exporter.port())) {
      exporter.set("accuracy", "fraud-1", 0.93);
      exporter.set("latency", "fraud-1", 0.125);
      exporter.set("errors", "fraud-1", 0.004);
      exporter.set("rps", "fraud-1", 42);
      exporter.set("cpu", "fraud-1", 0.55);
      exporter.set("rps", "churn-2", 7);
      AgentConfig config = AgentConfig.load(Optional.empty(), ConfigFactory.parseMap(Map.of(
          "mlops.data-dir", data.toString(), "mlops.db.url", "", "mlops.http.port", 0,
          "mlops.kubernetes.enabled", false, "mlops.prometheus.url", prometheus.url(),
          "mlops.metrics.poll-interval", "1s"))
          .withFallback(ConfigFactory.parseString(TestExporter.QUERIES)));
      RealWorld world = RealWorld.from(config);

      try (Daemon daemon = Daemon.start(config, world::build, new WallClockSchedule(Clock.systemUTC(),
          world.pollInterval()), "test")) {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + daemon.httpPort();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
            json(http, base + "/api/models/fraud-1").path("latest").path("accuracy").asDouble() == 0.93
                && json(http, base + "/api/models/churn-2").path("latest").path("throughputRps").asDouble() == 7);

        JsonNode latest = json(http, base + "/api/models/fraud-1").get("latest");
        assertThat(latest.get("latencyP95Seconds").asDouble()).isEqualTo(0.125);
        assertThat(latest.get("errorRate").asDouble()).isEqualTo(0.004);
        assertThat(latest.get("throughputRps").asDouble()).isEqualTo(42.0);
        assertThat(latest.get("cpuUtilization").asDouble()).isEqualTo(0.55);
        JsonNode churn = json(http, base + "/api/models/churn-2");
        assertThat(churn.get("latest").get("accuracy").isNull()).as("a series the exporter lacks is a gap").isTrue();
        assertThat(churn.get("dataGaps").get("windows").asLong()).isPositive();
        assertThat(json(http, base + "/api/models").get("total").asInt()).isEqualTo(2);
        assertThat(json(http, base + "/readyz").get("limitation").asText()).contains("observe only");
        assertThat(churn.get("limitation").asText()).contains("mlops.kubernetes.enabled = false");
      }
    }
  }

  @Test
  void runRefusesAPrometheusUrlThatIsNotOne(@TempDir Path data) {
    MainTest.Result r = MainTest.run("run", "--port", "0", "--data", data.toString(), "--prometheus", "ftp://x");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("mlops.prometheus.url = ftp://x").contains("http://");
  }

  private static JsonNode json(HttpClient http, String url) throws Exception {
    return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }
}
