package io.mlopsagent.agent.http.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A line chart of one metric over time as inline SVG: the observed values, the baseline (dashed)
 * and the rule thresholds (red, dashed, labelled), on one vertical scale that holds them all so a
 * threshold is never off the chart. Pure: the same spec always gives the same text.
 *
 * <p>Missing values (null or not finite) are gaps: the line stops and starts again after them
 * rather than being drawn across data that does not exist. A value with a gap on both sides is a
 * dot, since a path of one point has no length and would not show.
 */
final class SvgChart {
  static final int WIDTH = 560;
  static final int HEIGHT = 220;
  static final int LEFT = 64;
  static final int RIGHT = 96;
  static final int TOP = 14;
  static final int BOTTOM = 34;
  static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
  static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;

  /** A rule limit: an alarm when the metric goes {@code above} or {@code below} the value. */
  record Threshold(String kind, double value) {}

  /**
   * @param values one per window, oldest first; null for a window without the metric
   * @param baseline the expected value per window, aligned with {@code values}; null entries unknown
   * @param firstLabel,lastLabel what the x axis's ends show (the first and last windows' times)
   */
  record Spec(String metric, String title, List<Double> values, List<Double> baseline, List<Threshold> thresholds,
      String firstLabel, String lastLabel, DoubleFunction<String> format) {
    Spec {
      values = values == null ? List.of() : values;
      baseline = baseline == null ? List.of() : baseline;
      thresholds = thresholds == null ? List.of() : thresholds;
    }
  }

  /** The vertical range drawn: from {@code lo} at the bottom to {@code hi} at the top. */
  record Scale(double lo, double hi) {
    double y(double v) {
      return TOP + PLOT_HEIGHT * (hi - v) / (hi - lo);
    }
  }

  private SvgChart() {}

  static String render(Spec spec) {
    StringBuilder svg = new StringBuilder(4096);
    svg.append("<svg class=\"chart\" data-metric=\"").append(Html.esc(spec.metric()))
        .append("\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"").append(Html.esc(spec.title())).append(" over time\">")
        .append("<title>").append(Html.esc(spec.title())).append("</title>");
    Scale scale = scale(spec);
    axes(svg, spec, scale);
    if (scale == null) {
      svg.append("<text class=\"empty\" x=\"").append(LEFT + PLOT_WIDTH / 2).append("\" y=\"")
          .append(TOP + PLOT_HEIGHT / 2).append("\" text-anchor=\"middle\">no data yet</text></svg>");
      return svg.toString();
    }
    int n = Math.max(spec.values().size(), spec.baseline().size());
    Line baseline = line(spec.baseline(), n, scale);
    if (!baseline.path().isEmpty()) {
      svg.append("<path class=\"series-baseline\" d=\"").append(baseline.path()).append("\"/>");
    }
    for (Threshold t : spec.thresholds()) {
      if (!Double.isFinite(t.value())) {
        continue;
      }
      String y = fmt(scale.y(t.value()));
      svg.append("<g class=\"threshold\" data-kind=\"").append(Html.esc(t.kind())).append("\" data-value=\"")
          .append(t.value()).append("\"><line x1=\"").append(LEFT).append("\" y1=\"").append(y).append("\" x2=\"")
          .append(LEFT + PLOT_WIDTH).append("\" y2=\"").append(y).append("\"/><text x=\"").append(LEFT + PLOT_WIDTH + 4)
          .append("\" y=\"").append(fmt(scale.y(t.value()) + 4)).append("\">").append(Html.esc(t.kind())).append(' ')
          .append(Html.esc(spec.format().apply(t.value()))).append("</text></g>");
    }
    Line values = line(spec.values(), n, scale);
    if (!values.path().isEmpty()) {
      svg.append("<path class=\"series-values\" d=\"").append(values.path()).append("\"/>");
    }
    for (double[] p : values.dots()) {
      svg.append("<circle class=\"series-point\" cx=\"").append(fmt(p[0])).append("\" cy=\"").append(fmt(p[1]))
          .append("\" r=\"2.5\"/>");
    }
    return svg.append("</svg>").toString();
  }

  /** The range holding every finite value, baseline and threshold, padded; null when there is none. */
  static Scale scale(Spec spec) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    List<Double> all = new ArrayList<>(spec.values());
    all.addAll(spec.baseline());
    spec.thresholds().forEach(t -> all.add(t.value()));
    for (Double v : all) {
      if (v != null && Double.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (lo > hi) {
      return null;
    }
    boolean nonNegative = lo >= 0;
    double pad = hi - lo > 1e-12 ? (hi - lo) * 0.08 : Math.max(Math.abs(hi) * 0.05, 1e-3);
    lo -= pad;
    hi += pad;
    // Rates, latencies and accuracies cannot go below zero: an axis that does reads as a fault.
    if (nonNegative && lo < 0) {
      lo = 0;
    }
    return new Scale(lo, hi);
  }

  /** The x position of window {@code i} of {@code n}: spread over the plot, a lone window in the middle. */
  static double x(int i, int n) {
    return LEFT + (n <= 1 ? PLOT_WIDTH / 2.0 : PLOT_WIDTH * (double) i / (n - 1));
  }

  record Line(String path, List<double[]> dots) {}

  /** The path through the points, broken at gaps, and the points that stand alone between gaps. */
  static Line line(List<Double> series, int n, Scale scale) {
    StringBuilder path = new StringBuilder();
    List<double[]> dots = new ArrayList<>();
    List<double[]> run = new ArrayList<>();
    for (int i = 0; i <= series.size(); i++) {
      Double v = i < series.size() ? series.get(i) : null;
      if (v != null && Double.isFinite(v)) {
        run.add(new double[] {x(i, n), scale.y(v)});
        continue;
      }
      if (run.size() == 1) {
        dots.add(run.get(0));
      } else if (run.size() > 1) {
        for (int k = 0; k < run.size(); k++) {
          path.append(path.isEmpty() ? "" : " ").append(k == 0 ? 'M' : 'L')
              .append(fmt(run.get(k)[0])).append(' ').append(fmt(run.get(k)[1]));
        }
      }
      run.clear();
    }
    return new Line(path.toString(), dots);
  }

  private static void axes(StringBuilder svg, Spec spec, Scale scale) {
    int bottom = TOP + PLOT_HEIGHT;
    if (scale != null) {
      svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"")
          .append(LEFT + PLOT_WIDTH).append("\" y2=\"").append(TOP).append("\"/>")
          .append("<line class=\"grid\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP + PLOT_HEIGHT / 2)
          .append("\" x2=\"").append(LEFT + PLOT_WIDTH).append("\" y2=\"").append(TOP + PLOT_HEIGHT / 2).append("\"/>");
    }
    svg.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"")
        .append(LEFT).append("\" y2=\"").append(bottom).append("\"/>")
        .append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(bottom).append("\" x2=\"")
        .append(LEFT + PLOT_WIDTH).append("\" y2=\"").append(bottom).append("\"/>");
    if (scale != null) {
      svg.append("<text class=\"axis-max\" x=\"").append(LEFT - 6).append("\" y=\"").append(TOP + 4)
          .append("\" text-anchor=\"end\">").append(Html.esc(spec.format().apply(scale.hi()))).append("</text>")
          .append("<text class=\"axis-min\" x=\"").append(LEFT - 6).append("\" y=\"").append(bottom)
          .append("\" text-anchor=\"end\">").append(Html.esc(spec.format().apply(scale.lo()))).append("</text>");
    }
    if (spec.firstLabel() != null) {
      svg.append("<text class=\"axis-start\" x=\"").append(LEFT).append("\" y=\"").append(bottom + 18)
          .append("\">").append(Html.esc(spec.firstLabel())).append("</text>");
    }
    if (spec.lastLabel() != null) {
      svg.append("<text class=\"axis-end\" x=\"").append(LEFT + PLOT_WIDTH).append("\" y=\"").append(bottom + 18)
          .append("\" text-anchor=\"end\">").append(Html.esc(spec.lastLabel())).append("</text>");
    }
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
