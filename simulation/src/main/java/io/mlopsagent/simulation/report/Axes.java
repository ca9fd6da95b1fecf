package io.mlopsagent.simulation.report;

import java.util.List;

/**
 * Grid lines with their tick labels. Lines run across the whole plot so a value can be read off
 * anywhere; labels sit outside it, below for a horizontal axis and left of a vertical one.
 */
final class Axes {
  private Axes() {}

  /** Vertical grid lines at the ticks' x, from {@code top} to {@code bottom}, labelled below. */
  static void alongX(Markup m, List<Tick> ticks, double top, double bottom) {
    m.open("g", "class", "axis");
    for (Tick t : ticks) {
      m.empty("line", "x1", t.at(), "y1", top, "x2", t.at(), "y2", bottom, "stroke", Canvas.GRID);
      m.element("text", t.label(), "x", t.at(), "y", bottom + 16, "text-anchor", "middle");
    }
    m.close();
  }

  /** Horizontal grid lines at the ticks' y, from {@code left} to {@code right}, labelled left. */
  static void alongY(Markup m, List<Tick> ticks, double left, double right) {
    m.open("g", "class", "axis");
    for (Tick t : ticks) {
      m.empty("line", "x1", left, "y1", t.at(), "x2", right, "y2", t.at(), "stroke", Canvas.GRID);
      m.element("text", t.label(), "x", left - 6, "y", t.at() + 4, "text-anchor", "end");
    }
    m.close();
  }

  /** The zero line of a plot, darker than the grid, so "none at all" reads as a line. */
  static void baseline(Markup m, double x1, double y1, double x2, double y2) {
    m.empty("line", "x1", x1, "y1", y1, "x2", x2, "y2", y2, "stroke", Canvas.INK, "stroke-width", 1.0);
  }
}
