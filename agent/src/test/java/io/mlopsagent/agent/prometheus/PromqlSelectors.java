package io.mlopsagent.agent.prometheus;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the label matchers of every selector ({@code {name op "value", ...}}) in a PromQL query as
 * Prometheus' lexer does: double-quoted strings with backslash escapes, matchers separated by
 * commas. Independent of how the agent builds queries, so a test can check what a query means.
 */
final class PromqlSelectors {
  /** One label matcher, its value unescaped. */
  record Matcher(String label, String op, String value) {}

  private PromqlSelectors() {}

  /**
   * The matchers of each selector, in order of appearance.
   *
   * @throws IllegalArgumentException when a selector is not a well-formed list of matchers
   */
  static List<List<Matcher>> parse(String query) {
    List<List<Matcher>> selectors = new ArrayList<>();
    int i = 0;
    while (i < query.length()) {
      char c = query.charAt(i);
      if (c == '"') {
        i = skipString(query, i);
      } else if (c == '{') {
        List<Matcher> matchers = new ArrayList<>();
        i = readSelector(query, i + 1, matchers);
        selectors.add(matchers);
      } else if (c == '}') {
        throw new IllegalArgumentException("a '}' closes no selector at " + i + " of " + query);
      } else {
        i++;
      }
    }
    return selectors;
  }

  private static int readSelector(String q, int at, List<Matcher> out) {
    int i = skipBlanks(q, at);
    while (q.charAt(i) != '}') {
      int start = i;
      while (Character.isLetterOrDigit(q.charAt(i)) || q.charAt(i) == '_') {
        i++;
      }
      String label = q.substring(start, i);
      if (label.isEmpty() || !Character.isLetter(label.charAt(0)) && label.charAt(0) != '_') {
        throw new IllegalArgumentException("expected a label name at " + start + " of " + q);
      }
      i = skipBlanks(q, i);
      String op = q.startsWith("=~", i) ? "=~" : q.startsWith("!~", i) ? "!~" : q.startsWith("!=", i) ? "!="
          : q.startsWith("=", i) ? "=" : null;
      if (op == null) {
        throw new IllegalArgumentException("expected a match operator at " + i + " of " + q);
      }
      i = skipBlanks(q, i + op.length());
      if (q.charAt(i) != '"') {
        throw new IllegalArgumentException("expected a string at " + i + " of " + q);
      }
      int end = skipString(q, i);
      out.add(new Matcher(label, op, unescape(q.substring(i + 1, end - 1))));
      i = skipBlanks(q, end);
      if (q.charAt(i) == ',') {
        i = skipBlanks(q, i + 1);
      } else if (q.charAt(i) != '}') {
        throw new IllegalArgumentException("expected ',' or '}' at " + i + " of " + q);
      }
    }
    return i + 1;
  }

  /** The index just after the string literal starting at {@code at}. */
  private static int skipString(String q, int at) {
    int i = at + 1;
    while (i < q.length()) {
      char c = q.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '"') {
        return i + 1;
      } else if (c == '\n') {
        throw new IllegalArgumentException("a line break inside a string at " + i + " of " + q);
      } else {
        i++;
      }
    }
    throw new IllegalArgumentException("an unterminated string from " + at + " of " + q);
  }

  private static String unescape(String body) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char next = body.charAt(++i);
      switch (next) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case '\\', '"', '\'' -> out.append(next);
        default -> throw new IllegalArgumentException("an unknown escape \\" + next + " in \"" + body + "\"");
      }
    }
    return out.toString();
  }

  private static int skipBlanks(String q, int at) {
    int i = at;
    while (i < q.length() && Character.isWhitespace(q.charAt(i))) {
      i++;
    }
    if (i >= q.length()) {
      throw new IllegalArgumentException("the query ends inside a selector: " + q);
    }
    return i;
  }
}
