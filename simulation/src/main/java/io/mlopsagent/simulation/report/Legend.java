package io.mlopsagent.simulation.report;

import java.util.List;

/**
 * A row of policy swatches drawn as short lines in the policy's colour and dash, the way the
 * lines of the chart look, each followed by its text (the policy, perhaps with a figure).
 */
final class Legend {
  private static final double SWATCH = 28;

  private Legend() {}

  /** {@code labels} line up with {@code policies}; drawn from (x, y), y being the text baseline. */
  static void draw(Markup m, PolicyStyles styles, List<String> policies, List<String> labels, double x, double y) {
    m.open("g", "class", "legend");
    double at = x;
    for (int i = 0; i < policies.size(); i++) {
      PolicyStyles.Style s = styles.of(policies.get(i));
      m.empty("line", "x1", at, "y1", y - 4, "x2", at + SWATCH, "y2", y - 4, "stroke", s.colour(),
          "stroke-width", s.lineWidth(), "stroke-dasharray", s.dash());
      m.element("text", labels.get(i), "x", at + SWATCH + 6, "y", y);
      at += SWATCH + 6 + Canvas.textWidth(labels.get(i)) + 24;
    }
    m.close();
  }
}
