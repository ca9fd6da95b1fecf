package io.mlopsagent.agent.http.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsagent.agent.daemon.Daemon;
import io.mlopsagent.agent.daemon.TestDaemons;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard of a running demo daemon in headless Chromium: the pages an operator opens,
 * drawn from the live fleet, not from canned data.
 */
@Tag("slow")
class DemoDashboardBrowserTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  private static Daemon daemon;
  private static WebDriverClient browser;
  private static String base;

  @BeforeAll
  static void start() {
    daemon = TestDaemons.start(dir, 4);
    base = "http://127.0.0.1:" + daemon.httpPort();
    // Enough windows for a line on every chart.
    await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/models/fraud-scoring-001/history").contains("\"at\"")
        && get("/api/models/fraud-scoring-001").contains("\"eventCount\""));
    browser = new WebDriverClient(base);
  }

  @AfterAll
  static void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (daemon != null) {
        daemon.close();
      }
    }
  }

  @Test
  void theFleetPageOfTheDemoListsEveryModel() throws Exception {
    browser.open("/");

    assertThat(browser.findAll("#fleet-counts .tile")).hasSize(5);
    assertThat(browser.findAll("#models-table tr.model-row")).hasSize(4);
    assertThat(Files.size(browser.saveScreenshot("demo-fleet.png"))).isGreaterThan(10_000);
  }

  @Test
  void aModelPageOfTheDemoDrawsItsLiveMetrics() throws Exception {
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      browser.open("/models/fraud-scoring-001");
      return browser.script("return document.querySelectorAll('svg.chart path.series-values').length").asInt() == 5;
    });

    JsonNode lengths = browser.script("return Array.from(document.querySelectorAll('svg.chart path.series-values'))"
        + ".map(p => p.getTotalLength())");
    for (JsonNode length : lengths) {
      assertThat(length.asDouble()).isPositive();
    }
    assertThat(browser.findAll("#decision-timeline")).hasSize(1);
    assertThat(Files.size(browser.saveScreenshot("demo-model.png"))).isGreaterThan(10_000);
  }

  private static String get(String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (java.io.IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
