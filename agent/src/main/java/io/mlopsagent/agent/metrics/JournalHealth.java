package io.mlopsagent.agent.metrics;

import io.mlopsagent.agent.config.ConfigProblem;
import io.mlopsagent.persistence.TaggedEvents;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the journal's database answers, asked every {@code mlops.persistence.health-interval}.
 * While it does not, entities cannot record windows or decisions (they fail and restart with
 * backoff) and the poller stops until it can recover; nothing else says so in one place. Shown as
 * {@code mlops_journal_up} on {@code /metrics} and {@code journalError} on {@code /readyz}, and
 * logged once when it goes down and once when it is back.
 */
public final class JournalHealth {
  private static final Logger LOG = LoggerFactory.getLogger(JournalHealth.class);

  private final Supplier<CompletionStage<?>> ping;
  private final String database;
  private final AtomicReference<String> problem = new AtomicReference<>();
  private final AtomicBoolean asking = new AtomicBoolean();

  /**
   * @param ping asks the journal's database once; fails saying why it does not answer
   * @param database how to name the database in the log (no password)
   */
  public JournalHealth(Supplier<CompletionStage<?>> ping, String database) {
    this.ping = ping;
    this.database = database;
  }

  /** Asks the daemon's journal (through its reader) every {@code interval}; shown on {@code registry}. */
  public static JournalHealth start(ActorSystem<?> system, TaggedEvents journal, String database, Duration interval,
      PrometheusRegistry registry) {
    return start(system, journal::ping, database, interval, registry);
  }

  /** Asks with {@code ping} every {@code interval}; shown on {@code registry}. */
  static JournalHealth start(ActorSystem<?> system, Supplier<CompletionStage<?>> ping, String database,
      Duration interval, PrometheusRegistry registry) {
    if (interval.isNegative() || interval.isZero()) {
      throw new ConfigProblem("configuration: mlops.persistence.health-interval = " + interval
          + " is invalid: expected a positive duration");
    }
    JournalHealth health = new JournalHealth(ping, database);
    health.register(registry);
    org.apache.pekko.actor.Cancellable asks =
        system.scheduler().scheduleWithFixedDelay(interval, interval, health::check, system.executionContext());
    // Stopped before the reader's pool closes at shutdown, which would read as an outage.
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "stop-journal-health",
        () -> {
          asks.cancel();
          return CompletableFuture.completedFuture(Done.getInstance());
        });
    return health;
  }

  /** Registers {@code mlops_journal_up}. */
  public void register(PrometheusRegistry registry) {
    GaugeWithCallback.builder().name("mlops_journal_up")
        .help("1 while the journal's database answers, 0 while it does not (entities cannot record anything).")
        .callback(cb -> cb.call(problem().isEmpty() ? 1 : 0)).register(registry);
  }

  /** Why the journal did not answer the last time it was asked; empty while it answers. */
  public Optional<String> problem() {
    return Optional.ofNullable(problem.get());
  }

  /** One question at a time: a database that hangs must not pile probes up behind it. */
  private void check() {
    if (!asking.compareAndSet(false, true)) {
      return;
    }
    CompletionStage<?> answer;
    try {
      answer = ping.get();
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e); // a probe that cannot even start is an answer too
    }
    answer.whenComplete((ok, error) -> {
      asking.set(false);
      String now = error == null ? null : describe(error);
      String before = problem.getAndSet(now);
      if (now != null && before == null) {
        LOG.warn("the journal at {} does not answer ({}): models cannot record windows or decisions, and act on"
            + " nothing new, until it does", database, now);
      } else if (now == null && before != null) {
        LOG.info("the journal at {} answers again", database);
      }
    });
  }

  private static String describe(Throwable error) {
    Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
