package io.mlopsagent.agent.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.actors.model.ModelName;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.CircuitBreaker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Prometheus adapter against a real Prometheus scraping an exporter with known values. */
@Tag("slow")
class PrometheusMetricsSourceTest {
  private static final ActorTestKit KIT = ActorTestKit.create();
  private static TestExporter exporter;
  private static RealPrometheus prometheus;

  @BeforeAll
  static void start() throws Exception {
    exporter = new TestExporter();
    for (String model : List.of("fraud-1", "churn.v2", "search-3")) {
      double i = model.length();
      exporter.set("accuracy", model, 0.90 + i / 1000);
      exporter.set("latency", model, 0.100 + i / 100);
      exporter.set("errors", model, 0.001 * i);
      exporter.set("rps", model, 10 * i);
      exporter.set("cpu", model, 0.05 * i);
    }
    exporter.set("accuracy", "Bad Name!", 0.5);
    prometheus = new RealPrometheus(exporter.port());
  }

  @AfterAll
  static void stop() throws Exception {
    prometheus.close();
    exporter.close();
    KIT.shutdownTestKit();
  }

  @Test
  void discoversTheModelsAndReadsExactlyTheExportedValues() {
    PrometheusMetricsSource source = source(breaker(Duration.ofSeconds(5)));
    await().atMost(Duration.ofSeconds(30)).until(() -> source.discover().toCompletableFuture().join().size() == 3);

    List<ModelName> models = source.discover().toCompletableFuture().join();
    Map<ModelName, ModelWindows> windows = source.fetch(models, Instant.now()).toCompletableFuture().join();

    assertThat(models).extracting(ModelName::value).containsExactly("churn.v2", "fraud-1", "search-3");
    MetricWindow churn = windows.get(ModelName.of("churn.v2")).overall();
    assertThat(churn.accuracy()).isEqualTo(0.908);
    assertThat(churn.latencyP95Seconds()).isEqualTo(0.18);
    assertThat(churn.errorRate()).isEqualTo(0.008);
    assertThat(churn.throughputRps()).isEqualTo(80.0);
    assertThat(churn.cpuUtilization()).isEqualTo(0.4);
    assertThat(windows).hasSize(3);
  }

  @Test
  void readsTheHistoryOfNewModelsWithRangeQueries() {
    PrometheusMetricsSource source = source(breaker(Duration.ofSeconds(5)));
    List<ModelName> models = List.of(ModelName.of("churn.v2"), ModelName.of("fraud-1"));
    await().atMost(Duration.ofSeconds(30)).until(() -> source.history(models, Instant.now().minusSeconds(30),
        Instant.now(), Duration.ofSeconds(1)).toCompletableFuture().join().getOrDefault(models.get(0), List.of()).size() >= 3);

    Map<ModelName, List<MetricWindow>> history = source.history(models, Instant.now().minusSeconds(30), Instant.now(),
        Duration.ofSeconds(1)).toCompletableFuture().join();

    assertThat(history).containsOnlyKeys(models);
    List<MetricWindow> churn = history.get(ModelName.of("churn.v2"));
    assertThat(churn).allSatisfy(w -> {
      assertThat(w.accuracy()).isEqualTo(0.908);
      assertThat(w.throughputRps()).isEqualTo(80.0);
    });
    assertThat(churn).extracting(MetricWindow::at).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void aSliceAsksOnlyForItsModels() {
    PrometheusMetricsSource source = source(breaker(Duration.ofSeconds(5)));
    await().atMost(Duration.ofSeconds(30)).until(() -> source.discover().toCompletableFuture().join().size() == 3);

    Map<ModelName, ModelWindows> windows =
        source.fetch(List.of(ModelName.of("fraud-1"), ModelName.of("churn")), Instant.now()).toCompletableFuture().join();

    // "churn" must not match "churn.v2": matchers are anchored and the dot is escaped.
    assertThat(windows).containsOnlyKeys(ModelName.of("fraud-1"));
  }

  @Test
  void anOutageOpensTheBreakerAndTheSourceRecoversWhenPrometheusReturns() throws Exception {
    CircuitBreaker breaker = breaker(Duration.ofMillis(500));
    PrometheusMetricsSource source = source(breaker);
    List<ModelName> models = List.of(ModelName.of("fraud-1"));
    await().atMost(Duration.ofSeconds(30)).until(() -> !source.fetch(models, Instant.now()).toCompletableFuture()
        .join().isEmpty());

    prometheus.stop();
    try {
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> source.fetch(models, Instant.now()).toCompletableFuture().join())
            .hasMessageContaining("Prometheus");
      }
      // The breaker records the third failure as the call completes; it opens right after.
      await().atMost(Duration.ofSeconds(5)).until(breaker::isOpen);
      assertThat(source.problem()).hasValueSatisfying(p -> assertThat(p).contains("circuit breaker open"));
      assertThatThrownBy(() -> source.fetch(models, Instant.now()).toCompletableFuture().join())
          .hasMessageContaining("circuit breaker open");
    } finally {
      prometheus.start();
    }

    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> source.fetch(models, Instant.now()).toCompletableFuture().join().containsKey(models.get(0)));
    assertThat(source.problem()).isEmpty();
  }

  private static CircuitBreaker breaker(Duration reset) {
    return CircuitBreaker.create(KIT.system().classicSystem().scheduler(), 3, Duration.ofSeconds(5), reset);
  }

  private static PrometheusMetricsSource source(CircuitBreaker breaker) {
    Config c = ConfigFactory.parseString("""
        prometheus.url = "%s"
        """.formatted(prometheus.url())).withFallback(ConfigFactory.parseString(TestExporter.QUERIES).getConfig("mlops"))
        .withFallback(ConfigFactory.load().getConfig("mlops"));
    return new PrometheusMetricsSource(PrometheusSettings.fromConfig(c), HttpClient.newHttpClient(), breaker);
  }
}
