package io.mlopsagent.simulation.report;

/**
 * One horizontal bar with its label on the left and its figure on the right: the unit of the KPI
 * small multiples and of the detection-delay chart, so both read the same way.
 */
final class BarRow {
  static final double HEIGHT = 20;
  private static final double BAR = 13;

  private BarRow() {}

  /**
   * Draws the row whose top is {@code top}: {@code label} right-aligned to end at
   * {@code labelRight}, a bar from {@code x0} to {@code x1} in the policy's colour, {@code figure}
   * at {@code figureX}; a {@code best} row has its figure in bold.
   */
  static void draw(Markup m, double top, double labelRight, String label, double x0, double x1,
      PolicyStyles.Style style, String figure, double figureX, boolean best) {
    double middle = middle(top);
    m.element("text", label, "x", labelRight, "y", middle + 4, "text-anchor", "end");
    // A zero still shows as a hairline, so "nothing" is visibly a value and not a missing bar.
    m.empty("rect", "x", x0, "y", middle - BAR / 2, "width", Math.max(1.0, x1 - x0), "height", BAR,
        "fill", style.colour());
    m.element("text", figure, "x", figureX, "y", middle + 4, "font-weight", best ? "bold" : null);
  }

  /** Vertical centre of a row whose top is {@code top}. */
  static double middle(double top) {
    return top + HEIGHT / 2;
  }
}
