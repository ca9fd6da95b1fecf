package io.mlopsagent.agent.bench;

import io.mlopsagent.actors.poll.FleetPoller;
import io.mlopsagent.actors.poll.PollReport;
import io.mlopsagent.agent.cli.DurationConverter;
import io.mlopsagent.agent.cli.OptionRange;
import io.mlopsagent.agent.cli.VersionProvider;
import io.mlopsagent.agent.daemon.Daemon;
import io.mlopsagent.simulation.fleet.SimulatedFleet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlops-agent bench admin}: a daemon looking after N simulated models (polled every 10 s
 * in real time, as in production, while the load runs), and a bounded load of status requests on
 * its admin API from the JDK's HTTP client on 127.0.0.1.
 */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "A daemon with N simulated models (each observed at least once, polling on as usual), then",
      "concurrent GET requests on /api/models/{name} (9 in 10, random models) and /api/models (1 in 10).",
      "Figures: latency p50/p99 and requests per second; the first tenth of the time is warm-up."
    })
final class AdminBench implements Callable<Integer> {
  private static final Duration STEP = Duration.ofSeconds(10);

  @Spec CommandSpec spec;

  @Mixin BenchOptions options = new BenchOptions();

  @Option(names = "--models", paramLabel = "N", defaultValue = "10000",
      description = "Models in the simulated fleet, 1..100000 (default: ${DEFAULT-VALUE}).")
  int models;

  @Option(names = "--duration", paramLabel = "D", defaultValue = "20s", converter = DurationConverter.class,
      description = "How long the load runs, warm-up included, 1s..10m (default: 20s).")
  Duration duration;

  @Option(names = "--concurrency", paramLabel = "C", defaultValue = "8",
      description = "Requests in flight at once, 1..256 (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Override
  public Integer call() {
    OptionRange.check(spec, "--models", models, 1, 100_000);
    OptionRange.check(spec, "--duration", duration, Duration.ofSeconds(1), Duration.ofMinutes(10));
    OptionRange.check(spec, "--concurrency", concurrency, 1, 256);
    BenchReport report = new BenchReport(spec.commandLine().getOut(), options.json);
    CompletableFuture<PollReport> firstPoll = new CompletableFuture<>();
    Daemon.Probe probe = new Daemon.Probe(r -> {
      if (r.succeeded()) {
        firstPoll.complete(r);
      }
    }, FleetPoller.ObserveTimer.NONE);
    report.progress("bench admin: %d simulated models, %d concurrent requests for %d s", models, concurrency,
        duration.toSeconds());
    SimulatedFleet fleet = new SimulatedFleet(42, models);
    try (BenchDaemon bench = BenchDaemon.start(options, spec, fleet, STEP, Map.of(), probe)) {
      PollReport first = BoundedWait.await(firstPoll, Duration.ofMinutes(5).plusMillis(10L * models),
          "the first poll of the fleet");
      int port = bench.daemon().httpPort();
      report.progress("fleet observed once (%d windows in %.1f s); loading http://127.0.0.1:%d ...",
          first.recorded(), first.elapsedNanos() / 1e9, port);
      HttpLoad load = new HttpLoad("http://127.0.0.1:" + port, fleet.names(), concurrency);
      load.run(duration);
      figures(report, load);
    }
    report.finish();
    return 0;
  }

  private void figures(BenchReport report, HttpLoad load) {
    if (load.errors() > 0) {
      report.progress("%d requests failed; the first: %s", load.errors(), load.firstError());
    }
    report.figure("models", models, "models in the simulated fleet");
    report.figure("concurrency", concurrency, "requests in flight at once");
    report.figure("requests", load.all().count(), "requests answered 200 after the warm-up");
    report.figure("requests_per_second", load.all().count() / load.measuredSeconds(), "of those, per second");
    report.figure("p50_ms", load.all().percentileMillis(50), "latency, median, all requests");
    report.figure("p99_ms", load.all().percentileMillis(99), "latency, 99th percentile, all requests");
    report.figure("model_p50_ms", load.model().percentileMillis(50), "GET /api/models/{name}, median");
    report.figure("model_p99_ms", load.model().percentileMillis(99), "GET /api/models/{name}, 99th percentile");
    report.figure("list_p50_ms", load.list().percentileMillis(50), "GET /api/models (100 models), median");
    report.figure("list_p99_ms", load.list().percentileMillis(99), "GET /api/models (100 models), 99th percentile");
    report.figure("errors", load.errors(), "requests not answered 200");
  }
}
