package io.mlopsagent.simulation.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The report as {@code report.json}, for scripts and for comparing runs:
 * {@code {"scenario", "seed", "policies": {policy: {kpi: number}}}} first, then the context
 * (scenario description and size, detection delay per fault kind, adaptation counts).
 * Policies keep run order and KPIs map order. The same report always gives the same bytes: no
 * write time, {@code \n} line ends whatever the platform, so two runs of one seed diff clean.
 */
public final class ReportJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
      .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private ReportJson() {}

  public static void write(SimulationReport report, Path file) {
    ReportFile.write(file, toJson(report));
  }

  /**
   * @throws IllegalArgumentException if a figure is NaN or infinite: JSON has no such number, and
   *     the simulator promises finite figures, so one is a bug to surface rather than hide
   */
  public static String toJson(SimulationReport report) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("scenario", report.scenario());
    root.put("seed", report.seed());
    ObjectNode policies = root.putObject("policies");
    for (PolicyRun run : report.policies()) {
      ObjectNode kpis = policies.putObject(run.policy());
      for (Map.Entry<String, Double> kpi : run.kpis().entrySet()) {
        kpis.put(kpi.getKey(), finite(kpi.getValue(), "policies", run.policy(), kpi.getKey()));
      }
    }
    root.put("description", report.description());
    root.put("start", report.start() == null ? null : report.start().toString());
    root.put("duration", iso(report.duration()));
    root.put("step", iso(report.step()));
    root.put("sample_every", iso(report.sampleEvery()));
    root.put("models", report.models());
    root.put("model_days", finite(report.modelDays(), "model_days"));
    delays(report, root.putObject("detection_delay_by_fault_kind"));
    adaptations(report, root.putObject("adaptations"));
    // No wall time here: the same seed must give the same file, and wall time is the machine's.
    try {
      return WRITER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delays(SimulationReport report, ObjectNode out) {
    for (PolicyRun run : report.policies()) {
      ObjectNode byKind = out.putObject(run.policy());
      for (Map.Entry<String, PolicyRun.Delay> e : run.delaysByFaultKind().entrySet()) {
        PolicyRun.Delay d = e.getValue();
        String where = "detection_delay_by_fault_kind." + run.policy();
        ObjectNode kind = byKind.putObject(e.getKey());
        kind.put("p50_windows", finite(d.p50Windows(), where, e.getKey(), "p50_windows"));
        kind.put("p95_windows", finite(d.p95Windows(), where, e.getKey(), "p95_windows"));
        kind.put("detected", d.detected());
        kind.put("faults", d.faults());
      }
    }
  }

  /** Counts only: the adaptations themselves can be 100,000 and belong in the page's timeline. */
  private static void adaptations(SimulationReport report, ObjectNode out) {
    for (PolicyRun run : report.policies()) {
      long unjustified = run.adaptations().stream().filter(a -> !a.justified()).count();
      ObjectNode counts = out.putObject(run.policy());
      counts.put("total", run.adaptations().size());
      counts.put("false", unjustified);
      // By type, so a false-adaptation figure says what the policy kept doing.
      ObjectNode byType = counts.putObject("by_type");
      ObjectNode falseByType = counts.putObject("false_by_type");
      new java.util.TreeMap<>(run.adaptations().stream().collect(java.util.stream.Collectors.groupingBy(
          PolicyRun.Adaptation::type, java.util.stream.Collectors.counting()))).forEach(byType::put);
      new java.util.TreeMap<>(run.adaptations().stream().filter(a -> !a.justified()).collect(
          java.util.stream.Collectors.groupingBy(PolicyRun.Adaptation::type, java.util.stream.Collectors.counting())))
          .forEach(falseByType::put);
    }
  }

  private static double finite(Double value, String... path) {
    if (value == null || !Double.isFinite(value)) {
      throw new IllegalArgumentException(String.join(".", path) + " is " + value
          + ": a report's figures must be finite numbers");
    }
    return value;
  }

  private static String iso(Duration d) {
    return d == null ? null : d.toString();
  }
}
