package io.mlopsagent.agent.bench;

import io.mlopsagent.agent.cli.DurationConverter;
import io.mlopsagent.agent.cli.OptionRange;
import io.mlopsagent.agent.cli.VersionProvider;
import io.mlopsagent.simulation.fleet.SimulatedFleet;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.typed.ActorSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlops-agent bench scale}: one daemon, an H2 journal in a temp directory, a simulated
 * fleet polled in real time (one window per model per interval, observation time advancing one
 * interval per poll). Measures the sustained observation rate, each window's
 * observation-to-decision latency, the heap the fleet needs, and polls that overran.
 */
@Command(
    name = "scale",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "One daemon looking after a simulated fleet in real time, on an H2 journal in a temp directory.",
      "Figures: observations/s, observation-to-decision latency p50/p99, heap used, polls that overran.",
      "The first " + ScaleProbe.WARM_UP_POLLS + " polls are warm-up and not measured."
    })
final class ScaleBench implements Callable<Integer> {
  private static final long MB = 1024 * 1024;

  @Spec CommandSpec spec;

  @Mixin BenchOptions options = new BenchOptions();

  @Option(names = "--models", paramLabel = "N", defaultValue = "20000",
      description = "Models in the simulated fleet, 1..100000 (default: ${DEFAULT-VALUE}).")
  int models;

  @Option(names = "--interval", paramLabel = "D", defaultValue = "10s", converter = DurationConverter.class,
      description = "Real time between two polls, and observation time between two windows (default: 10s).")
  Duration interval;

  @Option(names = "--duration", paramLabel = "D", defaultValue = "2m", converter = DurationConverter.class,
      description = "How long to run, warm-up included; at least 3 intervals (default: 2m).")
  Duration duration;

  @Override
  public Integer call() {
    OptionRange.check(spec, "--models", models, 1, 100_000);
    OptionRange.check(spec, "--interval", interval, Duration.ofMillis(100), Duration.ofMinutes(10));
    OptionRange.check(spec, "--duration", duration, interval.multipliedBy(ScaleProbe.WARM_UP_POLLS + 1),
        Duration.ofHours(1));
    BenchReport report = new BenchReport(spec.commandLine().getOut(), options.json);
    ScaleProbe probe = new ScaleProbe(interval, report::progress);
    try (BenchDaemon bench = BenchDaemon.start(options, spec, new SimulatedFleet(42, models), interval,
        Map.of("mlops.poller.step", interval.toMillis() + "ms"), probe.probe())) {
      report.progress("bench scale: %d simulated models polled every %d ms for %d s, journal %s",
          models, interval.toMillis(), duration.toSeconds(), bench.journal());
      ActorSystem<?> system = bench.daemon().system();
      BoundedWait.await(BoundedWait.after(system, duration), duration.plusMinutes(1), "the run");
      probe.stop();
      if (!probe.warmedUp().isDone()) {
        throw new IllegalStateException("the run ended before the " + ScaleProbe.WARM_UP_POLLS
            + " warm-up polls did (" + probe.polls() + " finished): try a longer --duration or fewer --models");
      }
      figures(report, probe, heapUsedAfterGc(), bench.journalBytes());
    }
    report.finish();
    return 0;
  }

  private void figures(BenchReport report, ScaleProbe probe, long heapUsed, long journalBytes) {
    LatencyRecorder latencies = probe.latencies();
    report.figure("models", models, "models in the simulated fleet");
    report.figure("interval_ms", interval.toMillis(), "between two polls (real time)");
    report.figure("offered_per_second", models * 1e9 / interval.toNanos(), "windows offered per second");
    report.figure("observations_per_second", latencies.count() / probe.measuredSeconds(),
        "windows recorded per second after the warm-up");
    report.figure("latency_p50_ms", latencies.percentileMillis(50), "observation-to-decision latency, median");
    report.figure("latency_p99_ms", latencies.percentileMillis(99), "observation-to-decision latency, 99th percentile");
    report.figure("heap_used_mb", (double) heapUsed / MB, "heap in use after a full GC at the end");
    report.figure("heap_max_mb", (double) Runtime.getRuntime().maxMemory() / MB, "the JVM's heap limit (-Xmx)");
    report.figure("measured_seconds", probe.measuredSeconds(), "after the warm-up of " + ScaleProbe.WARM_UP_POLLS
        + " polls");
    report.figure("first_poll_seconds", probe.firstPollSeconds(), "the first poll, which starts every entity");
    report.figure("polls_measured", probe.measuredPolls(), "polls that finished after the warm-up");
    report.figure("polls_overran", probe.overran(), "of those, polls that took longer than the interval");
    report.figure("windows_failed", probe.failedWindows(), "windows whose entity did not answer in time");
    report.figure("journal_mb", (double) journalBytes / MB, "size of the H2 file at the end");
  }

  private static long heapUsedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}
