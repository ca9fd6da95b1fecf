package io.mlopsagent.simulation.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Chart (a): cumulative SLO-violation model-minutes over the run, one line per policy. The slope
 * shows when a policy let the fleet suffer; the end of each line is its KPI.
 */
final class SloChart {
  static final String ID = "slo-chart";
  private static final double HEIGHT = 420;
  private static final double LEFT = 80;
  private static final double RIGHT = Canvas.WIDTH - 24;
  private static final double TOP = 50;
  private static final double BOTTOM = HEIGHT - 56;
  // More points than pixels only add bytes; a cumulative series loses nothing by thinning.
  private static final int MAX_POINTS = 1_200;

  private SloChart() {}

  static void draw(Markup m, SimulationReport report, PolicyStyles styles) {
    TimeScale time = new TimeScale(report.start(), report.duration(), LEFT, RIGHT);
    double max = 0;
    for (PolicyRun run : report.policies()) {
      for (double v : run.sloViolationSeries()) {
        max = Math.max(max, v);
      }
    }
    ValueScale y = new ValueScale(max, BOTTOM, TOP);
    Canvas.open(m, ID, HEIGHT, "Cumulative SLO-violation model-minutes",
        "One line per policy: SLO-violation model-minutes summed from the start of the run; lower is better.");
    Axes.alongY(m, y.ticks(), LEFT, RIGHT);
    Axes.alongX(m, time.ticks(), TOP, BOTTOM);
    Axes.baseline(m, LEFT, BOTTOM, RIGHT, BOTTOM);
    m.element("text", "model-minutes", "x", 8.0, "y", TOP - 14);
    m.element("text", "time since start (ticks by day)", "x", RIGHT, "y", HEIGHT - 8, "text-anchor", "end");

    List<String> policies = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    // The agent is drawn last, on top, being the line the reader looks for.
    List<PolicyRun> order = new ArrayList<>(report.policies());
    order.sort((a, b) -> Boolean.compare(a.policy().equals("agent"), b.policy().equals("agent")));
    m.open("g", "class", "lines");
    for (PolicyRun run : order) {
      line(m, run, report.sampleEvery().toMillis(), time, y, styles.of(run.policy()));
    }
    m.close();
    for (PolicyRun run : report.policies()) {
      List<Double> s = run.sloViolationSeries();
      policies.add(run.policy());
      labels.add(run.policy() + ": " + (s.isEmpty() ? "no data" : KpiText.number(s.get(s.size() - 1), 0) + " min"));
    }
    Legend.draw(m, styles, policies, labels, LEFT, 20);
    if (max == 0) {
      m.element("text", "No SLO violation under any policy: the lines lie on the axis.", "x", (LEFT + RIGHT) / 2,
          "y", (TOP + BOTTOM) / 2, "text-anchor", "middle");
    }
    m.close();
  }

  private static void line(Markup m, PolicyRun run, long sampleMillis, TimeScale time, ValueScale y,
      PolicyStyles.Style style) {
    List<Double> series = run.sloViolationSeries();
    if (series.isEmpty()) {
      return;
    }
    int stride = (series.size() + MAX_POINTS - 1) / MAX_POINTS;
    StringBuilder points = new StringBuilder(series.size() / stride * 12);
    for (int i = 0; i < series.size(); i++) {
      if (i % stride == 0 || i == series.size() - 1) {
        points.append(Markup.number(time.atOffset((double) i * sampleMillis))).append(',')
            .append(Markup.number(y.at(series.get(i)))).append(' ');
      }
    }
    m.open("polyline", "points", points.toString().trim(), "fill", "none", "stroke", style.colour(),
        "stroke-width", style.lineWidth(), "stroke-dasharray", style.dash(), "stroke-linejoin", "round",
        "data-policy", run.policy());
    m.element("title", run.policy());
    m.close();
  }
}
