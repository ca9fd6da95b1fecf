package io.mlopsagent.simulation.report;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Writes the XHTML page and its inline SVG as well-formed XML. Every string that comes from a
 * report (scenario, description, model and policy names) goes through {@link #escape}, so a
 * hostile name cannot open an element; the page is therefore also parseable as XML, which lets the
 * tests count what it draws.
 */
final class Markup {
  private final StringBuilder out = new StringBuilder(64 * 1024);
  // Open elements, so that close() cannot produce a mismatched end tag.
  private final Deque<String> open = new ArrayDeque<>();

  /**
   * Opens an element. {@code attributes} are name, value pairs; a {@code null} value leaves the
   * attribute out, a number is written with {@link #number}, anything else is escaped.
   */
  Markup open(String tag, Object... attributes) {
    startTag(tag, attributes);
    out.append('>');
    open.push(tag);
    return this;
  }

  /** Closes the innermost open element. */
  Markup close() {
    if (open.isEmpty()) {
      throw new IllegalStateException("no open element to close");
    }
    out.append("</").append(open.pop()).append('>');
    return this;
  }

  /** An element without content, e.g. {@code <line .../>}. */
  Markup empty(String tag, Object... attributes) {
    startTag(tag, attributes);
    out.append("/>");
    return this;
  }

  /** An element holding only text. */
  Markup element(String tag, String text, Object... attributes) {
    return open(tag, attributes).text(text).close();
  }

  Markup text(String text) {
    out.append(escape(text));
    return this;
  }

  /** Appends markup the caller wrote itself (constant CSS); never pass report strings here. */
  Markup trusted(String markup) {
    out.append(markup);
    return this;
  }

  Markup newline() {
    out.append('\n');
    return this;
  }

  @Override
  public String toString() {
    if (!open.isEmpty()) {
      throw new IllegalStateException("unclosed elements: " + open);
    }
    return out.toString();
  }

  private void startTag(String tag, Object[] attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name, value pairs: " + tag);
    }
    out.append('<').append(tag);
    for (int i = 0; i < attributes.length; i += 2) {
      Object value = attributes[i + 1];
      if (value != null) {
        out.append(' ').append(attributes[i]).append("=\"").append(attributeValue(value)).append('"');
      }
    }
  }

  private static String attributeValue(Object value) {
    if (value instanceof Double || value instanceof Float) {
      return number(((Number) value).doubleValue());
    }
    return escape(String.valueOf(value));
  }

  /**
   * A coordinate with one decimal and no trailing {@code .0}: enough for a pixel, and it keeps a
   * chart with thousands of points small. Locale-free, so the page is the same everywhere.
   */
  static String number(double v) {
    long tenths = Math.round(v * 10);
    if (tenths % 10 == 0) {
      return Long.toString(tenths / 10);
    }
    return String.format(Locale.ROOT, "%.1f", tenths / 10.0);
  }

  static String escape(String s) {
    return HtmlEscape.escape(s);
  }
}
