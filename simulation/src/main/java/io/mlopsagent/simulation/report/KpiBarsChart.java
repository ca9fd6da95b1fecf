package io.mlopsagent.simulation.report;

import java.util.List;
import java.util.Objects;

/**
 * Chart (b): small multiples, one panel per headline KPI, a bar per policy. Each panel has its own
 * scale (minutes and counts do not share an axis); the best (lowest) figure is in bold.
 */
final class KpiBarsChart {
  static final String ID = "kpi-bars";
  private static final int COLUMNS = 3;
  private static final double PANEL_WIDTH = Canvas.WIDTH / COLUMNS;
  private static final double LABEL_RIGHT = 104;
  private static final double BAR_LEFT = 110;
  private static final double BAR_RIGHT = PANEL_WIDTH - 84;
  private static final double TITLE = 28;
  private static final double GAP = 18;

  private KpiBarsChart() {}

  static void draw(Markup m, SimulationReport report, PolicyStyles styles) {
    List<PolicyRun> runs = report.policies();
    double panelHeight = TITLE + runs.size() * BarRow.HEIGHT + GAP;
    int rows = (Kpi.HEADLINE.size() + COLUMNS - 1) / COLUMNS;
    Canvas.open(m, ID, rows * panelHeight, "Headline KPIs by policy",
        "One panel per KPI, one bar per policy; lower is better and the best figure is in bold.");
    for (int i = 0; i < Kpi.HEADLINE.size(); i++) {
      panel(m, Kpi.HEADLINE.get(i), runs, styles, (i % COLUMNS) * PANEL_WIDTH, (i / COLUMNS) * panelHeight);
    }
    m.close();
  }

  private static void panel(Markup m, String kpi, List<PolicyRun> runs, PolicyStyles styles, double x, double y) {
    List<Double> values = KpiText.column(runs, kpi);
    int decimals = KpiText.decimals(values);
    Double best = Best.of(values);
    double max = values.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).max().orElse(0);
    m.open("g", "class", "panel", "transform", "translate(" + Markup.number(x) + "," + Markup.number(y) + ")");
    m.element("text", KpiText.title(kpi), "x", 8.0, "y", 18.0, "font-weight", "bold");
    for (int r = 0; r < runs.size(); r++) {
      Double v = values.get(r);
      double end = max > 0 && v != null ? BAR_LEFT + Math.max(0, v) / max * (BAR_RIGHT - BAR_LEFT) : BAR_LEFT;
      BarRow.draw(m, TITLE + r * BarRow.HEIGHT, LABEL_RIGHT, runs.get(r).policy(), BAR_LEFT, end,
          styles.of(runs.get(r).policy()), KpiText.number(v, decimals), end + 6, v != null && v.equals(best));
    }
    m.close();
  }
}
