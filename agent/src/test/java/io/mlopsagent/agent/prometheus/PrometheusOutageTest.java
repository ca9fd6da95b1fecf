package io.mlopsagent.agent.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.mlopsagent.actors.poll.WallClockSchedule;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} against a real Prometheus that is stopped for a sustained period and then started
 * again on the same port and data: the agent decides nothing for lack of data, its circuit breaker
 * opens, its attempts back off exponentially and never wait longer than max-reset-timeout
 * (measured from outside, by a proxy counting the agent's connections), and it observes again
 * once Prometheus is back.
 */
@Tag("slow")
class PrometheusOutageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration RESET = Duration.ofMillis(500);
  private static final Duration MAX_RESET = Duration.ofSeconds(3);
  private static final int MAX_FAILURES = 3;
  /** Long enough for the backoff to reach its longest wait (2 s here) and stay there a few times. */
  private static final Duration OUTAGE = Duration.ofSeconds(16);
  /** Scheduling slack on a 2-core machine running Prometheus, the agent and the test. */
  private static final Duration SLACK = Duration.ofMillis(500);

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void decidesNothingBacksOffBoundedAndRecovers(@TempDir Path data) throws Exception {
    try (TestExporter exporter = new TestExporter();
        RealPrometheus prometheus = new RealPrometheus(exporter.port());
        ConnectionCountingProxy proxy = new ConnectionCountingProxy(prometheus.port())) {
      exporter.set("accuracy", "fraud-1", 0.93);
      exporter.set("latency", "fraud-1", 0.125);
      exporter.set("errors", "fraud-1", 0.004);
      exporter.set("rps", "fraud-1", 42);
      exporter.set("cpu", "fraud-1", 0.55);
      exporter.set("rps", "churn-2", 7);
      AgentConfig config = config(data, proxy.url());
      RealWorld world = RealWorld.from(config);

      try (Daemon daemon = Daemon.start(config, world::build, new WallClockSchedule(Clock.systemUTC(),
          world.pollInterval()), "test")) {
        String base = "http://127.0.0.1:" + daemon.httpPort();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
            json(base + "/api/models/fraud-1").path("latest").path("accuracy").asDouble() == 0.93
                && json(base + "/api/models/churn-2").path("eventCount").asLong() > 0);
        // Settle: a few more windows, so what the first windows decided (if anything) is counted before.
        long settled = json(base + "/api/models/fraud-1").path("eventCount").asLong() + 4;
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
            .until(() -> json(base + "/api/models/fraud-1").path("eventCount").asLong() >= settled);
        long decisionsBefore = json(base + "/api/decisions").path("total").asLong();
        assertThat(metric(base, "mlops_metrics_source_up")).isEqualTo(1.0);

        // ---- outage ----
        long stopNanos = System.nanoTime();
        prometheus.stop();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() ->
            json(base + "/readyz").path("lastPollError").asText("").contains("circuit breaker open"));
        Duration toOpen = Duration.ofNanos(System.nanoTime() - stopNanos);
        assertThat(metric(base, "mlops_metrics_source_up")).as("open breaker shows as source down").isZero();
        JsonNode ready = json(base + "/readyz");
        assertThat(ready.path("status").asText()).as("a missing source does not make the agent unready")
            .isEqualTo("ready");
        List<Long> decisionsDuring = new ArrayList<>();
        await().atMost(OUTAGE.plusSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() -> {
          decisionsDuring.add(json(base + "/api/decisions").path("total").asLong());
          return System.nanoTime() - stopNanos >= OUTAGE.toNanos();
        });
        Instant fresh = Instant.now();
        long restartNanos = System.nanoTime();
        // Still failing at the end of the outage: the breaker's own message while open, or the
        // connection error of a half-open trial (which of the two depends on the moment).
        assertThat(json(base + "/readyz").path("lastPollError").asText()).isNotBlank();
        List<Long> opened = proxy.attempts().stream().filter(a -> a.nanos() > stopNanos)
            .map(ConnectionCountingProxy.Attempt::nanos).toList();
        int connections = opened.size();
        List<Long> attempts = requests(opened);

        // ---- back ----
        prometheus.start();
        long upNanos = System.nanoTime();
        await().atMost(MAX_RESET.plus(POLL).plusSeconds(20)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
            .until(() -> json(base + "/readyz").path("lastPollError").isNull()
                && Instant.parse(json(base + "/api/models/fraud-1").path("latest").path("at").asText()).isAfter(fresh)
                && Instant.parse(json(base + "/api/models/churn-2").path("latest").path("at").asText()).isAfter(fresh));
        long recoveredNanos = System.nanoTime();
        Duration toRecover = Duration.ofNanos(recoveredNanos - upNanos);
        long afterRecovery = json(base + "/api/models/fraud-1").path("eventCount").asLong() + 8;
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
            .until(() -> json(base + "/api/models/fraud-1").path("eventCount").asLong() >= afterRecovery);
        long decisionsAfter = json(base + "/api/decisions").path("total").asLong();

        List<Duration> gaps = gaps(attempts);
        Duration maxGap = gaps.stream().max(Duration::compareTo).orElse(Duration.ZERO);
        // Gaps longer than a poll are the breaker's waits; the others are the failures that opened it.
        List<Duration> backoff = gaps.stream().filter(g -> g.compareTo(POLL.multipliedBy(3).dividedBy(2)) > 0).toList();
        List<Duration> ladder = ladder(backoff.size());
        System.out.printf(Locale.ROOT, "PROMETHEUS-OUTAGE outage=%.1fs (stopped until restarted) toOpen=%.2fs"
                + " connections=%d attempts=%d gaps=%s expected=%s maxGap=%.2fs restartToRecovered=%.2fs"
                + " (Prometheus start %.2fs, ready to recovered %.2fs) decisionsBefore=%d during=%s after=%d"
                + " failedPolls=%d%n",
            secs(restartNanos - stopNanos), secs(toOpen.toNanos()), connections, attempts.size(), show(gaps),
            show(ladder), secs(maxGap.toNanos()), secs(recoveredNanos - restartNanos), secs(upNanos - restartNanos),
            secs(toRecover.toNanos()), decisionsBefore, decisionsDuring.stream().distinct().toList(), decisionsAfter,
            daemon.metrics().failedPolls());

        // (a) nothing decided for lack of data, during the outage or because of its gap
        assertThat(decisionsDuring).containsOnly(decisionsBefore);
        assertThat(decisionsAfter).isEqualTo(decisionsBefore);
        // (c) the breaker keeps trying, never waiting longer than max-reset-timeout (+ one poll)...
        assertThat(attempts.size()).as("attempts while down").isGreaterThanOrEqualTo(MAX_FAILURES + 4);
        assertThat(maxGap).isLessThanOrEqualTo(MAX_RESET.plus(POLL).plus(SLACK));
        assertThat(gaps.size() - backoff.size()).as("attempts at poll pace: those that opened the breaker")
            .isLessThanOrEqualTo(MAX_FAILURES);
        // ... and backs off exponentially: each wait the breaker's, plus at most a poll until the next tick
        assertThat(backoff).as("waits: 0.5, 1 and then 2 s at least once").hasSizeGreaterThanOrEqualTo(4);
        for (int i = 0; i < backoff.size(); i++) {
          assertThat(backoff.get(i)).as("wait %d of %s, expected %s", i, show(backoff), show(ladder))
              .isBetween(ladder.get(i).minusMillis(50), ladder.get(i).plus(POLL).plus(SLACK));
        }
        // (b) opened within max-failures polls (+ slack for Prometheus' own shutdown)
        assertThat(toOpen).isLessThan(POLL.multipliedBy(MAX_FAILURES).plusSeconds(5));
        // (d) back within one max-reset-timeout and a poll of Prometheus answering
        assertThat(toRecover).isLessThanOrEqualTo(MAX_RESET.plus(POLL).plusSeconds(2));
        assertThat(metric(base, "mlops_metrics_source_up")).isEqualTo(1.0);
      }
    }
  }

  private static AgentConfig config(Path data, String prometheusUrl) {
    return AgentConfig.load(Optional.empty(), ConfigFactory.parseMap(Map.of(
        "mlops.data-dir", data.toString(), "mlops.db.url", "", "mlops.http.port", 0,
        "mlops.kubernetes.enabled", false, "mlops.prometheus.url", prometheusUrl,
        "mlops.prometheus.request-timeout", "2s",
        "mlops.prometheus.circuit-breaker.max-failures", MAX_FAILURES,
        "mlops.prometheus.circuit-breaker.reset-timeout", RESET.toMillis() + "ms",
        "mlops.prometheus.circuit-breaker.max-reset-timeout", MAX_RESET.toMillis() + "ms",
        "mlops.metrics.poll-interval", POLL.toMillis() + "ms"))
        .withFallback(ConfigFactory.parseString(TestExporter.QUERIES)));
  }

  /**
   * Connections grouped into attempts: the JDK's HTTP client sometimes opens a second connection
   * for the same request right after the first was reset, so connections within 100 ms are one.
   */
  private static List<Long> requests(List<Long> connections) {
    List<Long> attempts = new ArrayList<>();
    for (long at : connections) {
      if (attempts.isEmpty() || at - attempts.get(attempts.size() - 1) > Duration.ofMillis(100).toNanos()) {
        attempts.add(at);
      }
    }
    return attempts;
  }

  /**
   * The breaker's waits: reset-timeout, doubled while the double stays below max-reset-timeout
   * (Pekko's rule: a doubling that would reach it is not taken, so 0.5 s with a 3 s cap waits
   * 0.5, 1, 2, 2, ... s).
   */
  private static List<Duration> ladder(int n) {
    List<Duration> waits = new ArrayList<>();
    Duration wait = RESET;
    for (int i = 0; i < n; i++) {
      waits.add(wait);
      if (wait.multipliedBy(2).compareTo(MAX_RESET) < 0) {
        wait = wait.multipliedBy(2);
      }
    }
    return waits;
  }

  private static List<Duration> gaps(List<Long> nanos) {
    List<Duration> gaps = new ArrayList<>();
    for (int i = 1; i < nanos.size(); i++) {
      gaps.add(Duration.ofNanos(nanos.get(i) - nanos.get(i - 1)));
    }
    return gaps;
  }

  private static String show(List<Duration> gaps) {
    return gaps.stream().map(g -> String.format(Locale.ROOT, "%.2f", secs(g.toNanos()))).toList().toString();
  }

  private static double secs(long nanos) {
    return nanos / 1e9;
  }

  private double metric(String base, String name) throws Exception {
    String text = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return text.lines().filter(l -> l.startsWith(name + " ")).map(l -> Double.parseDouble(l.substring(name.length() + 1)))
        .findFirst().orElseThrow(() -> new AssertionError(name + " not on /metrics"));
  }

  private JsonNode json(String url) throws Exception {
    return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }
}
