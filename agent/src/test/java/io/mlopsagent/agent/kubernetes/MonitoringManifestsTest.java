package io.mlopsagent.agent.kubernetes;

import static io.mlopsagent.agent.kubernetes.Manifests.ROOT;
import static io.mlopsagent.agent.kubernetes.Manifests.render;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.MetricsSource;
import io.mlopsagent.agent.metrics.AgentMetrics;
import io.mlopsagent.agent.metrics.FleetMetrics;
import io.mlopsagent.agent.metrics.JournalHealth;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * k8s/monitoring checked against the code: it renders, and every metric its alerts and dashboard
 * query is one the agent exposes, in PromQL that promtool accepts.
 */
class MonitoringManifestsTest {
  @Test
  void theMonitoringKustomizationRenders() {
    List<HasMetadata> objects = render("k8s/monitoring");

    assertThat(objects).extracting(HasMetadata::getKind)
        .containsExactlyInAnyOrder("ConfigMap", "ServiceMonitor", "PrometheusRule");
  }

  @Test
  void theAlertsUseOnlyMetricsTheAgentExposes() throws Exception {
    GenericKubernetesResource rule = Serialization.unmarshal(
        Files.readString(ROOT.resolve("k8s/monitoring/prometheusrule.yaml")), GenericKubernetesResource.class);
    Set<String> exposed = exposedMetricNames();

    assertThat(rule.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(rule.getKind()).isEqualTo("PrometheusRule");
    List<String> alerts = new ArrayList<>();
    List<String> exprs = new ArrayList<>();
    for (Object group : (List<?>) ((Map<?, ?>) rule.getAdditionalProperties().get("spec")).get("groups")) {
      for (Object r : (List<?>) ((Map<?, ?>) group).get("rules")) {
        alerts.add((String) ((Map<?, ?>) r).get("alert"));
        exprs.add((String) ((Map<?, ?>) r).get("expr"));
      }
    }
    assertThat(alerts).contains("MlopsAgentAdaptationRateHigh", "MlopsAgentFailedRollouts",
        "MlopsAgentCircuitBreakerOpen", "MlopsAgentPollLag", "MlopsAgentMetricsSourceDown", "MlopsAgentJournalDown");
    assertMetricsExposed(exprs, exposed);
    promtoolAccepts(exprs);
  }

  @Test
  void theDashboardParsesAndUsesOnlyMetricsTheAgentExposes() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("k8s/monitoring/grafana-dashboard.json").toFile());
    List<String> exprs = new ArrayList<>();
    dashboard.findValues("expr").forEach(e -> exprs.add(e.asText()));

    assertThat(dashboard.path("panels").size()).isPositive();
    assertThat(exprs).hasSizeGreaterThanOrEqualTo(dashboard.path("panels").size());
    assertMetricsExposed(exprs, exposedMetricNames());
    promtoolAccepts(exprs);
  }

  private static void assertMetricsExposed(List<String> exprs, Set<String> exposed) {
    for (String expr : exprs) {
      Set<String> names = metricNames(expr);
      assertThat(names).as("metrics in %s", expr).isNotEmpty();
      assertThat(names).as("metrics in %s", expr)
          .allSatisfy(n -> assertThat(n).matches("(mlops|jvm)_.*"))
          .allSatisfy(n -> assertThat(exposed).as("metric %s exposed by the agent", n).contains(n));
    }
  }

  /**
   * Metric names in a PromQL expression: identifiers left once strings, label matchers, ranges and
   * grouping clauses are removed, other than functions (followed by a parenthesis) and keywords.
   */
  static Set<String> metricNames(String expr) {
    String s = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
        .replaceAll("\\{[^}]*}", " ")
        .replaceAll("\\[[^]]*]", " ")
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> keywords = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and",
        "or", "unless", "offset", "inf", "nan");
    Set<String> names = new LinkedHashSet<>();
    Matcher m = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?").matcher(s);
    while (m.find()) {
      if (m.group(2) == null && !keywords.contains(m.group(1).toLowerCase())) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  @Test
  void metricNamesAreFoundInPromQl() {
    assertThat(metricNames("sum by (type) (rate(mlops_adaptations_total{type=~\"a|b\"}[15m])) * 3600"))
        .containsExactly("mlops_adaptations_total");
    assertThat(metricNames("time() - max(mlops_observation_time_seconds) > 300 and absent(mlops_agent_build_info)"))
        .containsExactly("mlops_observation_time_seconds", "mlops_agent_build_info");
    assertThat(metricNames("histogram_quantile(0.95, sum by (le) (rate(x_bucket[5m]))) / on (a) group_left y"))
        .containsExactly("x_bucket", "y");
  }

  /** The names a scrape of the agent can show, from its metric registry (JVM metrics included). */
  private static Set<String> exposedMetricNames() {
    AgentMetrics metrics = new AgentMetrics("test");
    new FleetMetrics(metrics.registry(), new NoMetrics());
    new JournalHealth(() -> CompletableFuture.completedFuture(null), "test").register(metrics.registry());
    Set<String> names = new HashSet<>();
    for (MetricSnapshot s : metrics.registry().scrape()) {
      String name = s.getMetadata().getPrometheusName();
      if (s instanceof CounterSnapshot) {
        names.add(name + "_total");
      } else if (s instanceof HistogramSnapshot) {
        names.addAll(List.of(name + "_bucket", name + "_count", name + "_sum"));
      } else if (s instanceof SummarySnapshot) {
        names.addAll(List.of(name, name + "_count", name + "_sum"));
      } else if (s instanceof InfoSnapshot) {
        names.add(name + "_info");
      } else {
        names.add(name);
      }
    }
    return names;
  }

  /** PromQL syntax by promtool (scripts/install-test-deps.sh brings it with Prometheus). */
  private static void promtoolAccepts(List<String> exprs) throws Exception {
    Path promtool = Manifests.required("promtool", "promtool (Debian package prometheus) to check PromQL syntax");
    StringBuilder rules = new StringBuilder("groups:\n  - name: check\n    rules:\n");
    for (int i = 0; i < exprs.size(); i++) {
      rules.append("      - record: check:expr_").append(i).append("\n        expr: ")
          .append(new ObjectMapper().writeValueAsString(exprs.get(i))).append('\n');
    }
    Path file = Files.createTempFile("rules", ".yaml");
    try {
      Files.writeString(file, rules);
      Manifests.Output out = Manifests.exec(List.of(promtool.toString(), "check", "rules", file.toString()));
      assertThat(out.code()).as("promtool check rules:%n%s%s", out.stdout(), out.stderr()).isZero();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** A metrics source for the registry only: FleetMetrics asks it for nothing but its problem. */
  private static final class NoMetrics implements MetricsSource {
    @Override
    public CompletionStage<List<ModelName>> discover() {
      return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public CompletionStage<Map<ModelName, ModelWindows>> fetch(Collection<ModelName> models, Instant at) {
      return CompletableFuture.completedFuture(Map.of());
    }
  }
}
