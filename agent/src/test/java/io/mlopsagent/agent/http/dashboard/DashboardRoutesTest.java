package io.mlopsagent.agent.http.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard over real HTTP on loopback: status codes, content type, and what each page holds. */
class DashboardRoutesTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final FakeDashboardData DATA = new FakeDashboardData(false);
  private static DashboardServer server;

  @BeforeAll
  static void start() {
    server = DashboardServer.start(DATA, Clock.fixed(FakeDashboardData.NOW, ZoneOffset.UTC));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @AfterEach
  void answerAgain() {
    DATA.failHistoryWith(null);
  }

  @Test
  void theFleetPageIsSelfContainedHtmlThatRefreshesItself() throws Exception {
    HttpResponse<String> r = get("/");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
    assertThat(r.body()).startsWith("<!DOCTYPE html>").contains("<meta http-equiv=\"refresh\" content=\"10\">")
        .contains("id=\"fleet-counts\"").contains("id=\"models-table\"").contains("id=\"rollouts\"")
        .doesNotContain("fleet-paused");
    // Nothing fetched from elsewhere: the only URL is the SVG namespace, which is a name, not a request.
    assertThat(r.body().replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://")
        .doesNotContain("https://").doesNotContain("<script").doesNotContain("<link").doesNotContain("src=");
  }

  @Test
  void aModelPageShowsItsChartsAndEscapesItsReasons() throws Exception {
    HttpResponse<String> r = get("/models/recommender-003");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
    assertThat(r.body()).contains("class=\"chart\" data-metric=\"latencyP95Seconds\"")
        .contains("id=\"decision-timeline\"").contains("id=\"rollout-progress\"")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").doesNotContain("<script");
  }

  @Test
  void anUnknownModelIsA404Page() throws Exception {
    HttpResponse<String> r = get("/models/no-such-model");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
    assertThat(r.body()).contains("data-status=\"404\"").contains("model &#39;no-such-model&#39; is not known");
  }

  @Test
  void anInvalidNameIsA400PageThatShowsTheNameEscaped() throws Exception {
    HttpResponse<String> r = get("/models/%3Cscript%3Ex%3C%2Fscript%3E");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
    assertThat(r.body()).contains("data-status=\"400\"").contains("&lt;script&gt;x&lt;/script&gt;")
        .doesNotContain("<script");
  }

  @Test
  void anAgentThatDoesNotAnswerInTimeIsA503PageThatRetries() throws Exception {
    DATA.failHistoryWith(new TimeoutException("ask timed out"));

    HttpResponse<String> r = get("/models/recommender-003");

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).contains("did not answer in time").contains("http-equiv=\"refresh\"");
  }

  @Test
  void aFailureIsA500PageNamingTheErrorButNotItsMessage() throws Exception {
    DATA.failHistoryWith(new IllegalStateException("secret <detail>"));

    HttpResponse<String> r = get("/models/recommender-003");

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).contains("IllegalStateException").doesNotContain("secret");
  }

  @Test
  void aModelThatVanishesBetweenAsksIsA404() throws Exception {
    DATA.failHistoryWith(new DashboardData.UnknownModelException("recommender-003"));

    HttpResponse<String> r = get("/models/recommender-003");

    assertThat(r.statusCode()).isEqualTo(404);
  }

  @Test
  void otherPathsAreLeftToTheRoutesAroundIt() throws Exception {
    assertThat(get("/api/fleet").statusCode()).isEqualTo(404);
    assertThat(get("/models/a/b").statusCode()).isEqualTo(404);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(20))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
