package io.mlopsagent.simulation.report;

/**
 * Opens a chart's {@code <svg>}: a fixed coordinate system {@value #WIDTH} units wide that the
 * page's CSS scales to the column (readable at 1200 px, shrinks on a narrow window), with a title
 * and a description for screen readers, and an id the tests find it by.
 */
final class Canvas {
  static final double WIDTH = 1100;
  static final String SVG_NS = "http://www.w3.org/2000/svg";
  /** Text drawn over the page's white: dark grey, 15:1 contrast. */
  static final String INK = "#222222";
  /** Grid lines: light, so the data stays in front. */
  static final String GRID = "#DDDDDD";

  private Canvas() {}

  /** Opens the chart; the caller closes it with {@link Markup#close()}. */
  static void open(Markup m, String id, double height, String title, String description) {
    m.open("svg", "xmlns", SVG_NS, "id", id, "width", WIDTH, "height", height,
        "viewBox", "0 0 " + Markup.number(WIDTH) + " " + Markup.number(height), "role", "img",
        "aria-labelledby", id + "-title " + id + "-desc");
    m.element("title", title, "id", id + "-title");
    m.element("desc", description, "id", id + "-desc");
  }

  /** A rough width of a label in the page's 12 px sans-serif, to place the next thing after it. */
  static double textWidth(String s) {
    return s.length() * 6.8;
  }
}
