package io.mlopsagent.simulation.report;

/** Text made safe for HTML and SVG, in element content and in quoted attribute values alike. */
public final class HtmlEscape {
  private HtmlEscape() {}

  /**
   * Escapes markup characters and quotes. Characters XML 1.0 forbids (most control characters)
   * become U+FFFD rather than making an SVG page unparseable.
   */
  public static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(allowedInXml(c) ? c : '\uFFFD');
      }
    }
    return b.toString();
  }

  private static boolean allowedInXml(char c) {
    return c >= 0x20 ? c != 0xFFFE && c != 0xFFFF : c == '\t' || c == '\n' || c == '\r';
  }
}
