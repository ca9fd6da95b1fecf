package io.mlopsagent.simulation.report;

import java.util.List;
import java.util.Set;

/**
 * Chart (c): detection delay per fault kind, a group of bars per kind and a bar per policy. The
 * bar is the median (p50) delay, the whisker reaches to p95: a short bar with a long whisker is a
 * policy that is usually quick but sometimes very late.
 */
final class DetectionDelayChart {
  static final String ID = "delay-chart";
  private static final double LABEL_RIGHT = 150;
  private static final double LEFT = 160;
  private static final double RIGHT = 780;
  private static final double FIGURE_X = 796;
  private static final double TOP = 24;
  private static final double GROUP_TITLE = 24;
  private static final double AXIS = 40;

  private DetectionDelayChart() {}

  static void draw(Markup m, SimulationReport report, PolicyStyles styles) {
    List<PolicyRun> runs = report.policies();
    Set<String> kinds = KpiTable.faultKinds(runs);
    double groupHeight = GROUP_TITLE + runs.size() * BarRow.HEIGHT + 8;
    double bottom = TOP + kinds.size() * groupHeight;
    Canvas.open(m, ID, bottom + AXIS, "Detection delay per fault kind",
        "Per fault kind and policy: a bar to the median delay in windows after onset, a whisker to p95.");
    if (kinds.isEmpty()) {
      m.element("text", "No faults in this scenario.", "x", LEFT, "y", TOP + 12);
      m.close();
      return;
    }
    List<Double> all = KpiTable.delayFigures(runs);
    // One precision for the whole chart, so the figures column reads as one.
    int decimals = KpiText.decimals(all);
    ValueScale x = new ValueScale(all.stream().mapToDouble(Double::doubleValue).max().orElse(0), LEFT, RIGHT);
    Axes.alongX(m, x.ticks(), TOP, bottom);
    m.element("text", "windows after onset", "x", RIGHT, "y", bottom + 34, "text-anchor", "end");
    m.element("text", "p50 · p95 · detected/faults", "x", FIGURE_X, "y", TOP - 8);
    double top = TOP;
    for (String kind : kinds) {
      m.element("text", kind, "x", 8.0, "y", top + 16, "font-weight", "bold");
      for (int r = 0; r < runs.size(); r++) {
        row(m, runs.get(r), kind, top + GROUP_TITLE + r * BarRow.HEIGHT, x, decimals, styles);
      }
      top += groupHeight;
    }
    m.close();
  }

  private static void row(Markup m, PolicyRun run, String kind, double top, ValueScale x, int decimals,
      PolicyStyles styles) {
    PolicyRun.Delay d = run.delaysByFaultKind().get(kind);
    PolicyStyles.Style style = styles.of(run.policy());
    if (d == null) {
      BarRow.draw(m, top, LABEL_RIGHT, run.policy(), LEFT, LEFT, style, "—", FIGURE_X, false);
      return;
    }
    String figure = KpiText.number(d.p50Windows(), decimals) + " · " + KpiText.number(d.p95Windows(), decimals)
        + " · " + d.detected() + "/" + d.faults();
    double p50 = x.at(d.p50Windows());
    BarRow.draw(m, top, LABEL_RIGHT, run.policy(), LEFT, p50, style, figure, FIGURE_X, false);
    double middle = BarRow.middle(top);
    double p95 = x.at(d.p95Windows());
    // Whisker in ink, not the policy colour, so it shows against the bar it starts from.
    m.empty("line", "x1", p50, "y1", middle, "x2", p95, "y2", middle, "stroke", Canvas.INK, "stroke-width", 1.5);
    m.empty("line", "x1", p95, "y1", middle - 5, "x2", p95, "y2", middle + 5, "stroke", Canvas.INK,
        "stroke-width", 1.5);
  }
}
