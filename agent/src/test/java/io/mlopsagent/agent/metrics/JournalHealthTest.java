package io.mlopsagent.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mlopsagent.persistence.DatabaseUnavailableException;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The journal's health follows what its probe answers, on the gauge and as a reason. */
class JournalHealthTest {
  private static final ActorTestKit KIT = ActorTestKit.create();

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  @Test
  void goesDownWithTheDatabaseAndComesBackWithIt() {
    AtomicReference<CompletionStage<?>> answer = new AtomicReference<>(CompletableFuture.completedFuture(null));
    AtomicInteger asked = new AtomicInteger();
    PrometheusRegistry registry = new PrometheusRegistry();
    JournalHealth health = JournalHealth.start(KIT.system(), () -> {
      asked.incrementAndGet();
      return answer.get();
    }, "test-db", Duration.ofMillis(20), registry);
    await().atMost(Duration.ofSeconds(5)).until(() -> asked.get() >= 2);
    assertThat(health.problem()).isEmpty();
    assertThat(up(registry)).isEqualTo(1.0);

    answer.set(CompletableFuture.failedFuture(new DatabaseUnavailableException("Connection refused", null)));
    await().atMost(Duration.ofSeconds(5)).until(() -> health.problem().isPresent());
    assertThat(health.problem()).contains("Connection refused");
    assertThat(up(registry)).isZero();

    answer.set(CompletableFuture.completedFuture(null));
    await().atMost(Duration.ofSeconds(5)).until(() -> health.problem().isEmpty());
    assertThat(up(registry)).isEqualTo(1.0);
  }

  @Test
  void aProbeStillRunningIsNotAskedAgain() {
    CompletableFuture<Void> hanging = new CompletableFuture<>();
    AtomicInteger asked = new AtomicInteger();
    JournalHealth.start(KIT.system(), () -> {
      asked.incrementAndGet();
      return hanging;
    }, "test-db", Duration.ofMillis(10), new PrometheusRegistry());
    await().atMost(Duration.ofSeconds(5)).until(() -> asked.get() == 1);
    // Ten more intervals pass while the first probe hangs: a probe that comes back ends the wait.
    CompletableFuture<Void> later = new CompletableFuture<>();
    KIT.system().scheduler().scheduleOnce(Duration.ofMillis(100), () -> later.complete(null),
        KIT.system().executionContext());
    later.join();
    assertThat(asked.get()).isEqualTo(1);

    hanging.complete(null);
    await().atMost(Duration.ofSeconds(5)).until(() -> asked.get() >= 2);
  }

  private static double up(PrometheusRegistry registry) {
    return registry.scrape().stream().filter(s -> s.getMetadata().getPrometheusName().equals("mlops_journal_up"))
        .map(s -> ((GaugeSnapshot) s).getDataPoints().get(0).getValue()).findFirst().orElseThrow();
  }
}
