package io.mlopsagent.simulation.report;

import java.util.List;
import java.util.Objects;

/** The best figure of a KPI over the policies: every KPI of a report is lower-is-better. */
final class Best {
  private Best() {}

  /**
   * The lowest value, or null when there is nothing to single out: no values, or all equal (a
   * KPI where every policy scores zero has no winner worth highlighting).
   */
  static Double of(List<Double> values) {
    List<Double> present = values.stream().filter(Objects::nonNull).toList();
    double min = present.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    double max = present.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    return present.isEmpty() || min == max ? null : min;
  }
}
