package io.mlopsagent.agent.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the admin commands show the API's values to a person: numbers with their unit, times in
 * UTC to the second, "-" for what the agent does not know (JSON null or absent), aligned tables.
 */
final class Text {
  static final String NONE = "-";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Text() {}

  /** A text field, or "-". */
  static String text(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() || node.asText().isEmpty() ? NONE
        : clean(node.asText());
  }

  /**
   * {@code s} with control characters as spaces: a reason is anyone's free text, and an escape
   * sequence in it must not reach the operator's terminal.
   */
  static String clean(String s) {
    return s.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ");
  }

  /** An ISO-8601 instant as {@code 2026-11-27 14:05:00 UTC}; anything else as given. */
  static String time(JsonNode node) {
    String raw = text(node);
    if (raw.equals(NONE)) {
      return raw;
    }
    try {
      return TIME.format(Instant.parse(raw));
    } catch (DateTimeParseException e) {
      return raw;
    }
  }

  /** A number with up to four significant digits, no trailing zeros: 0.912, 1.5, 12, 1234. */
  static String number(double v) {
    if (!Double.isFinite(v)) {
      return NONE;
    }
    if (Math.abs(v) >= 1000) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    BigDecimal d = new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros();
    return d.signum() == 0 ? "0" : d.toPlainString();
  }

  static String number(JsonNode node) {
    return isNumber(node) ? number(node.asDouble()) : NONE;
  }

  static boolean isNumber(JsonNode node) {
    return node != null && node.isNumber();
  }

  /** A fraction (0..1) as a percentage: 0.004 is 0.4%. */
  static String percent(JsonNode node) {
    return isNumber(node) ? number(node.asDouble() * 100) + "%" : NONE;
  }

  /** Seconds as milliseconds below ten seconds (p95 latencies are mostly well below one). */
  static String seconds(JsonNode node) {
    if (!isNumber(node)) {
      return NONE;
    }
    double s = node.asDouble();
    return s < 10 ? number(s * 1000) + " ms" : number(s) + " s";
  }

  /** Rows under a header, each column as wide as its widest cell, two spaces apart. */
  static List<String> table(List<String> header, List<List<String>> rows) {
    int[] width = new int[header.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    for (List<String> row : all) {
      for (int c = 0; c < width.length; c++) {
        width[c] = Math.max(width[c], row.get(c).length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < width.length; c++) {
        String cell = row.get(c);
        line.append(cell);
        if (c < width.length - 1) {
          line.append(" ".repeat(width[c] - cell.length() + 2));
        }
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /** {@code key: value} lines with the values aligned. */
  static List<String> fields(List<String[]> pairs) {
    int width = pairs.stream().mapToInt(p -> p[0].length()).max().orElse(0);
    List<String> lines = new ArrayList<>();
    for (String[] p : pairs) {
      lines.add(p[0] + ":" + " ".repeat(width - p[0].length() + 1) + p[1]);
    }
    return lines;
  }
}
