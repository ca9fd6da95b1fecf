package io.mlopsagent.simulation.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One colour and dash pattern per policy, the same in every chart and table of a report, so a
 * reader learns them once. The known policies keep their colours from report to report; colours
 * come from the Okabe-Ito palette (distinguishable with the common colour-vision deficiencies) and
 * the dash patterns tell the lines apart even in greyscale. Every colour has at least 3:1 contrast
 * against the white page, as WCAG asks of graphics.
 */
final class PolicyStyles {
  /** How one policy is drawn; {@code dash} is an SVG {@code stroke-dasharray}, or null for solid. */
  record Style(String colour, String dash, double lineWidth) {}

  private static final Map<String, Style> KNOWN = Map.of(
      "agent", new Style("#0072B2", null, 3),
      "none", new Style("#5F5F5F", "7 4", 2),
      "seed_rules", new Style("#D55E00", "2 3", 2),
      "static_canary", new Style("#007A5A", "10 3 2 3", 2));

  // For policies a future run may add: still distinct from the known four.
  private static final List<Style> OTHERS = List.of(
      new Style("#8E3B8E", "5 2", 2),
      new Style("#8C5A1E", "1 2", 2),
      new Style("#1F3F7A", "12 4", 2),
      new Style("#9E2A2B", "4 2 1 2", 2));

  private final Map<String, Style> byPolicy = new LinkedHashMap<>();

  PolicyStyles(List<PolicyRun> runs) {
    int other = 0;
    for (PolicyRun run : runs) {
      Style known = KNOWN.get(run.policy());
      byPolicy.putIfAbsent(run.policy(), known != null ? known : OTHERS.get(other++ % OTHERS.size()));
    }
  }

  Style of(String policy) {
    Style s = byPolicy.get(policy);
    if (s == null) {
      throw new IllegalArgumentException("no run of policy " + policy + " in this report");
    }
    return s;
  }
}
