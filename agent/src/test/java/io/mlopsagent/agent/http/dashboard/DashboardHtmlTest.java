package io.mlopsagent.agent.http.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The pages rendered from the fake fleet's JSON, without a server: escaping, structure, plain words. */
class DashboardHtmlTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final FakeDashboardData data = new FakeDashboardData(true);

  @Test
  void escapesEveryCharacterThatCouldOpenMarkupOrCloseAnAttribute() {
    assertThat(Html.esc("<script>alert('x')</script> & \"q\""))
        .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    assertThat(Html.esc(null)).isEmpty();
    assertThat(Html.esc("plain-name.v2_ok")).isEqualTo("plain-name.v2_ok");
  }

  @Test
  void aReasonWithAScriptTagComesOutAsText() {
    String page = modelPage("recommender-003");

    assertThat(page).doesNotContain("<script").doesNotContain("alert('x')")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more");
    assertThat(fleetPage()).doesNotContain("<script")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  }

  @Test
  void theFleetPausedBannerShowsWhoAndWhyEscaped() {
    String page = fleetPage();

    assertThat(page).contains("id=\"fleet-paused\"").contains("ops-oncall")
        .contains("change freeze &lt;until Monday&gt; &amp; audit").doesNotContain("<until Monday>");
    String unpaused = FleetPage.render(join(new FakeDashboardData(false).fleet()), join(data.models(0, 100)),
        join(data.decisions(null, 20)), FakeDashboardData.NOW, 10);
    assertThat(unpaused).doesNotContain("fleet-paused");
  }

  @Test
  void theFleetPageHasATilePerStateAModelRowEachAndTheRollout() {
    String page = fleetPage();

    assertThat(page).contains("<meta http-equiv=\"refresh\" content=\"10\">").contains("id=\"fleet-counts\"");
    for (String state : FleetPage.STATES) {
      assertThat(page).contains("data-state=\"" + state + "\"><span class=\"count\">1</span>");
    }
    assertThat(count(page, "class=\"model-row\"")).isEqualTo(5);
    assertThat(page).contains("<a class=\"model-link\" href=\"/models/recommender-003\">recommender-003</a>")
        .contains("7 &rarr; 8").contains("id=\"recent-decisions\"");
    assertThat(count(page, "<tr class=\"decision ")).isEqualTo(6);
  }

  @Test
  void theModelPageHasAChartPerMetricItsRolloutAndItsTimelineNewestFirst() {
    String page = modelPage("churn-predictor-002");

    for (Metric m : Metric.values()) {
      assertThat(page).contains("class=\"chart\" data-metric=\"" + m.field() + "\"");
    }
    assertThat(page).contains("id=\"rollout-progress\" data-status=\"in_progress\"")
        .contains("aria-valuenow=\"25\"").contains("style=\"width:25%\"")
        .contains("id=\"decision-timeline\" data-count=\"2\"");
    assertThat(page.indexOf("Canary step passed")).isLessThan(page.indexOf("Rollout started"));
  }

  @Test
  void aModelWithoutRolloutOrDecisionsSaysSo() {
    String page = modelPage("pricing-005");

    assertThat(page).contains("id=\"rollout-progress\" data-status=\"none\"").contains("No rollout yet.")
        .contains("No decision yet.").contains("id=\"limitation\"");
  }

  @Test
  void pausedModelShowsWhoPausedItAndWhyEscaped() {
    String page = modelPage("search-ranker-004");

    assertThat(page).contains("id=\"model-paused\"").contains("alice@ops")
        .contains("investigating &lt;b&gt;drift&lt;/b&gt; in the labels");
  }

  @Test
  void missingAndNullFieldsRenderAsDashes() throws Exception {
    JsonNode bare = JSON.readTree("{\"name\":\"m\",\"state\":null,\"workload\":null,\"rollout\":null}");
    JsonNode history = JSON.readTree("{\"windows\":[],\"baseline\":{},\"thresholds\":{}}");
    JsonNode empty = JSON.readTree("{\"items\":[]}");

    String page = ModelPage.render(bare, history, empty, JSON.readTree("{}"), FakeDashboardData.NOW, 0);

    assertThat(page).contains("no data yet").contains("No rollout yet.").doesNotContain("http-equiv")
        .contains("<dd id=\"stable-version\">" + Html.DASH + "</dd>");
  }

  @Test
  void decisionTypesReadAsWords() {
    assertThat(Html.decisionWords("rollout_promoted")).isEqualTo("Rollout promoted");
    assertThat(Html.decisionWords("paused_inconclusive")).isEqualTo("Rollout paused: analysis inconclusive");
    assertThat(Html.decisionWords(null)).isEqualTo("Decision");
  }

  @Test
  void timesAreShownInUtcAndOddStateOrTypeWordsCannotInjectClasses() {
    assertThat(Html.time("2025-06-01T12:00:00Z")).contains(">2025-06-01 12:00:00 UTC</time>");
    assertThat(Html.time("not a time <b>")).isEqualTo("not a time &lt;b&gt;");
    assertThat(Html.state("x\" onmouseover=\"y")).startsWith("<span class=\"badge state-unknown\">");
    assertThat(FleetPage.cssWord("a b\"")).isEqualTo("other");
  }

  private String fleetPage() {
    return FleetPage.render(join(data.fleet()), join(data.models(0, 100)), join(data.decisions(null, 20)),
        FakeDashboardData.NOW, 10);
  }

  private String modelPage(String name) {
    return ModelPage.render(join(data.model(name)).orElseThrow(), join(data.history(name)),
        join(data.decisions(name, 50)), join(data.fleet()), FakeDashboardData.NOW, 10);
  }

  private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  private static long count(String s, String part) {
    return Pattern.compile(Pattern.quote(part)).matcher(s).results().count();
  }
}
