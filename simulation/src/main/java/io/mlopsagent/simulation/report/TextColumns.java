package io.mlopsagent.simulation.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for a terminal: the first column (names) left-aligned, every other column
 * (numbers) right-aligned, so that digits line up; a rule under the header row.
 */
final class TextColumns {
  private static final String GAP = "  ";

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  TextColumns(List<String> header) {
    this.header = List.copyOf(header);
  }

  TextColumns row(List<String> cells) {
    if (cells.size() != header.size()) {
      throw new IllegalArgumentException("a row of " + cells.size() + " cells under " + header.size() + " headers");
    }
    rows.add(List.copyOf(cells));
    return this;
  }

  String render() {
    int[] widths = new int[header.size()];
    for (List<String> r : all()) {
      for (int c = 0; c < r.size(); c++) {
        widths[c] = Math.max(widths[c], r.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, header, widths);
    List<String> rule = new ArrayList<>();
    for (int w : widths) {
      rule.add("-".repeat(w));
    }
    line(out, rule, widths);
    for (List<String> r : rows) {
      line(out, r, widths);
    }
    return out.toString();
  }

  private List<List<String>> all() {
    List<List<String>> all = new ArrayList<>(rows);
    all.add(header);
    return all;
  }

  private static void line(StringBuilder out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      String pad = " ".repeat(widths[c] - cell.length());
      line.append(c == 0 ? "" : GAP).append(c == 0 ? cell + pad : pad + cell);
    }
    // Trailing blanks of the left-aligned first column would only confuse a diff.
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
