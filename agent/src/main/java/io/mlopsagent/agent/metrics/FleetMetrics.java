package io.mlopsagent.agent.metrics;

import io.mlopsagent.actors.agent.Decisions;
import io.mlopsagent.actors.agent.ModelAgentPorts;
import io.mlopsagent.actors.agent.ModelState;
import io.mlopsagent.actors.analysis.MetricRun;
import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.MetricsSource;
import io.mlopsagent.actors.rollout.Rollout;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Map;

/**
 * What the fleet looks like and what the agent did, for Prometheus: each model's latest metrics,
 * the adaptations by model and type, how long rollouts took, and the analysis measurements next to
 * their thresholds. Fed by the windows the poller reads and the decisions the entities journal.
 */
public final class FleetMetrics implements ModelAgentPorts.DecisionListener {
  private final Gauge accuracy;
  private final Gauge latency;
  private final Gauge errorRate;
  private final Gauge throughput;
  private final Gauge cpu;
  private final Counter adaptations;
  private final Histogram deploymentSeconds;
  private final Gauge analysisValue;
  private final Gauge analysisThreshold;

  public FleetMetrics(PrometheusRegistry registry, MetricsSource source) {
    accuracy = modelGauge(registry, "mlops_model_accuracy", "Latest accuracy of each model.");
    latency = modelGauge(registry, "mlops_model_latency_p95_seconds", "Latest p95 latency of each model.");
    errorRate = modelGauge(registry, "mlops_model_error_rate", "Latest error rate of each model.");
    throughput = modelGauge(registry, "mlops_model_throughput_rps", "Latest requests per second of each model.");
    cpu = modelGauge(registry, "mlops_model_cpu_utilization", "Latest CPU used over requested, per model.");
    adaptations = Counter.builder().name("mlops_adaptations_total")
        .help("Decisions journaled, by model and type.").labelNames("model", "type").register(registry);
    deploymentSeconds = Histogram.builder().name("mlops_deployment_duration_seconds")
        .help("Observation time from a rollout's start to its promotion or abort.").labelNames("outcome")
        .classicUpperBounds(60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400).register(registry);
    analysisValue = Gauge.builder().name("mlops_analysis_measurement")
        .help("Latest analysis measurement of a rollout, per model and analysis metric.")
        .labelNames("model", "metric").register(registry);
    analysisThreshold = Gauge.builder().name("mlops_analysis_threshold")
        .help("Threshold of the analysis metric's success condition (a factor for conditions relative to stable).")
        .labelNames("model", "metric").register(registry);
    GaugeWithCallback.builder().name("mlops_metrics_source_up")
        .help("1 while the metrics source answers, 0 while it fails (circuit breaker open).")
        .callback(cb -> cb.call(source.problem().isEmpty() ? 1 : 0)).register(registry);
  }

  /** The latest window of each model polled. */
  public void observed(Map<ModelName, ModelWindows> windows) {
    windows.forEach((model, w) -> {
      MetricWindow o = w.overall();
      String m = model.value();
      accuracy.labelValues(m).set(o.accuracy());
      latency.labelValues(m).set(o.latencyP95Seconds());
      errorRate.labelValues(m).set(o.errorRate());
      throughput.labelValues(m).set(o.throughputRps());
      cpu.labelValues(m).set(o.cpuUtilization());
    });
  }

  @Override
  public void decided(ModelName model, Decisions.Decision decision, ModelState after) {
    adaptations.labelValues(model.value(), decision.type()).inc();
    Rollout rollout = after.rollout();
    if (rollout == null) {
      return;
    }
    if (decision instanceof Decisions.RolloutPromoted || decision instanceof Decisions.RolloutAborted) {
      if (rollout.endedAt() != null) {
        deploymentSeconds.labelValues(decision instanceof Decisions.RolloutPromoted ? "promoted" : "aborted")
            .observe(Duration.between(rollout.startedAt(), rollout.endedAt()).toSeconds());
      }
    }
    for (MetricRun run : rollout.analysis().metrics()) {
      if (run.latest() != null) {
        analysisValue.labelValues(model.value(), run.metric().name()).set(run.latest().value());
      }
      if (run.metric().success() != null) {
        analysisThreshold.labelValues(model.value(), run.metric().name()).set(run.metric().success().threshold());
      }
    }
  }

  private static Gauge modelGauge(PrometheusRegistry registry, String name, String help) {
    return Gauge.builder().name(name).help(help).labelNames("model").register(registry);
  }
}
