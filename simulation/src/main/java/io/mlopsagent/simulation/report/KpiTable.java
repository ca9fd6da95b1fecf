package io.mlopsagent.simulation.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The report as a terminal shows it at the end of a run: one row per policy with the headline
 * KPIs (all lower-is-better), then detection delay per fault kind. The page ({@link ReportHtml})
 * and the file ({@link ReportJson}) hold the rest.
 */
public final class KpiTable {
  private KpiTable() {}

  public static String render(SimulationReport report) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "scenario %s · seed %d · %d models · %s model-days\n",
        report.scenario(), report.seed(), report.models(), KpiText.number(report.modelDays(), 1)));
    out.append("headline KPIs, lower is better\n");
    out.append(headline(report.policies()));
    String reliability = section(report.policies(), Kpi.RELIABILITY, Kpi.EVENTS_LOST);
    if (!reliability.isEmpty()) {
      out.append('\n').append("reliability under infrastructure faults\n").append(reliability);
    }
    String learning = section(report.policies(), Kpi.LEARNING, Kpi.ROLLOUTS_LATER);
    if (!learning.isEmpty()) {
      out.append('\n').append("once the fleet had ").append(Kpi.LEARNED_FROM)
          .append(" rollout outcomes to learn from\n").append(learning);
    }
    out.append('\n').append("detection delay by fault kind: p50 / p95 windows (detected/faults)\n");
    out.append(delays(report.policies()));
    return out.toString();
  }

  private static String headline(List<PolicyRun> runs) {
    return table(runs, Kpi.HEADLINE);
  }

  /**
   * A table of {@code kpis} with a column for each that some run measured, shown only when some
   * run measured {@code shownBy}: empty otherwise.
   */
  private static String section(List<PolicyRun> runs, List<String> kpis, String shownBy) {
    if (runs.stream().noneMatch(r -> r.kpis().containsKey(shownBy))) {
      return "";
    }
    return table(runs, kpis.stream().filter(k -> runs.stream().anyMatch(r -> r.kpis().containsKey(k))).toList());
  }

  /** One row a run, one column a KPI, each column at the precision its values need. */
  private static String table(List<PolicyRun> runs, List<String> kpis) {
    List<String> header = new ArrayList<>(List.of("policy"));
    kpis.forEach(k -> header.add(KpiText.header(k)));
    List<List<String>> columns = new ArrayList<>();
    for (String kpi : kpis) {
      List<Double> values = KpiText.column(runs, kpi);
      int decimals = KpiText.decimals(values);
      columns.add(values.stream().map(v -> KpiText.number(v, decimals)).toList());
    }
    TextColumns table = new TextColumns(header);
    for (int r = 0; r < runs.size(); r++) {
      List<String> row = new ArrayList<>(List.of(runs.get(r).policy()));
      for (List<String> column : columns) {
        row.add(column.get(r));
      }
      table.row(row);
    }
    return table.render();
  }

  private static String delays(List<PolicyRun> runs) {
    Set<String> kinds = faultKinds(runs);
    if (kinds.isEmpty()) {
      return "(no faults in this scenario)\n";
    }
    int decimals = KpiText.decimals(delayFigures(runs));
    List<String> header = new ArrayList<>(List.of("fault kind"));
    runs.forEach(r -> header.add(r.policy()));
    TextColumns table = new TextColumns(header);
    for (String kind : kinds) {
      List<String> row = new ArrayList<>(List.of(kind));
      for (PolicyRun run : runs) {
        PolicyRun.Delay d = run.delaysByFaultKind().get(kind);
        row.add(d == null ? "—" : KpiText.number(d.p50Windows(), decimals) + " / "
            + KpiText.number(d.p95Windows(), decimals) + " (" + d.detected() + "/" + d.faults() + ")");
      }
      table.row(row);
    }
    return table.render();
  }

  /** Fault kinds over all runs, in the order the runs first name them. */
  static Set<String> faultKinds(List<PolicyRun> runs) {
    Set<String> kinds = new LinkedHashSet<>();
    runs.forEach(r -> kinds.addAll(r.delaysByFaultKind().keySet()));
    return kinds;
  }

  /** Every p50 and p95 delay of every run: what a delay table or chart chooses its precision by. */
  static List<Double> delayFigures(List<PolicyRun> runs) {
    List<Double> all = new ArrayList<>();
    runs.forEach(r -> r.delaysByFaultKind().values().forEach(d -> {
      all.add(d.p50Windows());
      all.add(d.p95Windows());
    }));
    return all;
  }
}
