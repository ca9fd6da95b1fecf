package io.mlopsagent.agent.http.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real browser: headless Chromium loads the pages from a real server and
 * lays them out, so the charts are checked as drawn (path lengths, boxes), not as text.
 * Screenshots land in {@code target/screenshots/} for a human to look at.
 */
@Tag("slow")
class DashboardBrowserTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private static DashboardServer server;
  private static WebDriverClient browser;

  @BeforeAll
  static void start() {
    server = DashboardServer.start(new FakeDashboardData(true), Clock.fixed(FakeDashboardData.NOW, ZoneOffset.UTC));
    browser = new WebDriverClient(server.baseUrl());
  }

  @AfterAll
  static void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  @Test
  void theFleetPageShowsCountsModelsRolloutsAndDecisions() throws IOException {
    browser.open("/");

    assertThat(browser.title()).isEqualTo("mlops-agent fleet");
    assertThat(browser.findAll("#fleet-counts .tile")).hasSize(5);
    assertThat(browser.script("return document.querySelector('#fleet-counts [data-state=degraded] .count')"
        + ".textContent").asText()).isEqualTo("1");
    assertThat(browser.findAll("#fleet-paused")).hasSize(1);
    assertThat(browser.findAll("#models-table tr.model-row")).hasSize(5);
    assertThat(browser.findAll("#models-table a.model-link[href='/models/recommender-003']")).hasSize(1);
    assertThat(browser.findAll("#rollouts tr.rollout-row")).hasSize(1);
    assertThat(browser.findAll("#recent-decisions tr.decision")).hasSize(6);
    // The hostile reason is shown as text: no script element made it into the document.
    assertThat(browser.script("return document.querySelectorAll('script').length").asInt()).isZero();
    String banner = browser.text(browser.findAll("#fleet-paused").get(0));
    assertThat(banner).contains("change freeze <until Monday> & audit");
    assertThat(browser.script("return document.body.innerText").asText())
        .contains("<script>alert('x')</script>");

    assertNonTrivialPng(browser.saveScreenshot("dashboard-fleet.png"));
  }

  @Test
  void theModelPageDrawsEveryMetricWithItsBaselineAndThresholds() throws IOException {
    browser.open("/models/recommender-003");

    JsonNode charts = browser.script("""
        return Array.from(document.querySelectorAll('svg.chart')).map(svg => ({
          metric: svg.dataset.metric,
          width: svg.getBBox().width,
          shownWidth: svg.getBoundingClientRect().width,
          values: Array.from(svg.querySelectorAll('path.series-values')).map(p => p.getTotalLength()),
          subpaths: Array.from(svg.querySelectorAll('path.series-values'))
              .map(p => (p.getAttribute('d').match(/M/g) || []).length),
          baselines: Array.from(svg.querySelectorAll('path.series-baseline')).map(p => p.getTotalLength()),
          thresholds: Array.from(svg.querySelectorAll('g.threshold')).map(g => g.textContent)
        }));""");

    assertThat(charts).hasSize(Metric.values().length);
    List<String> metrics = new ArrayList<>();
    for (JsonNode chart : charts) {
      String metric = chart.get("metric").asText();
      metrics.add(metric);
      assertThat(chart.get("width").asDouble()).as("%s drawn width", metric).isGreaterThan(0);
      assertThat(chart.get("shownWidth").asDouble()).as("%s laid-out width", metric).isGreaterThan(100);
      assertThat(chart.get("values")).as("%s value lines", metric).isNotEmpty()
          .allSatisfy(length -> assertThat(length.asDouble()).isGreaterThan(0));
      assertThat(chart.get("baselines")).as("%s baseline", metric).hasSize(1)
          .allSatisfy(length -> assertThat(length.asDouble()).isGreaterThan(0));
    }
    assertThat(metrics).containsExactly(Arrays.stream(Metric.values()).map(Metric::field).toArray(String[]::new));
    Map<String, Integer> thresholds = Map.of("accuracy", 1, "latencyP95Seconds", 1, "errorRate", 1,
        "throughputRps", 0, "cpuUtilization", 2);
    for (JsonNode chart : charts) {
      assertThat(chart.get("thresholds")).as("%s thresholds", chart.get("metric"))
          .hasSize(thresholds.get(chart.get("metric").asText()));
    }
    assertThat(charts.get(1).get("thresholds").get(0).asText()).isEqualTo("above 300 ms");
    // The error rate's three missing windows split its line in two.
    assertThat(charts.get(2).get("subpaths").get(0).asInt()).isEqualTo(2);

    assertThat(browser.findAll("#model-header")).hasSize(1);
    assertThat(browser.findAll("#rollout-progress")).hasSize(1);
    List<String> timeline = browser.findAll("#decision-timeline li.decision");
    assertThat(timeline).hasSize(2);
    assertThat(browser.text(timeline.get(0))).startsWith("Scaled out");
    assertThat(browser.text(timeline.get(1))).startsWith("Degradation detected")
        .contains("<script>alert('x')</script>");
    assertThat(browser.script("return document.querySelectorAll('script').length").asInt()).isZero();

    assertNonTrivialPng(browser.saveScreenshot("dashboard-model.png"));
  }

  @Test
  void theRolloutProgressBarFillsToTheCandidatesWeight() {
    browser.open("/models/churn-predictor-002");

    double filled = browser.script("""
        const bar = document.querySelector('#rollout-progress .progress-bar');
        return bar.getBoundingClientRect().width / bar.parentElement.getBoundingClientRect().width;""")
        .asDouble();

    assertThat(filled).isCloseTo(0.25, within(0.01));
    assertThat(browser.text(browser.findAll("#rollout-progress").get(0))).contains("7 \u2192 8")
        .contains("in progress").contains("step 2");
  }

  @Test
  void anUnknownModelShowsTheNotFoundPage() {
    browser.open("/models/no-such-model");

    assertThat(browser.findAll("#error[data-status='404']")).hasSize(1);
    assertThat(browser.title()).isEqualTo("404 Not Found");
  }

  private static void assertNonTrivialPng(Path png) throws IOException {
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes.length).as("size of %s", png).isGreaterThan(10 * 1024);
    assertThat(Arrays.copyOf(bytes, PNG_SIGNATURE.length)).as("signature of %s", png).isEqualTo(PNG_SIGNATURE);
  }
}
