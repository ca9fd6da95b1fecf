package io.mlopsagent.agent.nab;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the scores: per profile the corpus-wide best threshold, then each category at that
 * threshold, then the overall line, which comes last so a script can take it with {@code tail -1}.
 */
final class NabReport {
  private NabReport() {}

  static void print(PrintWriter out, List<NabScorer.Scored> files) {
    List<NabScorer.Result> overall = new ArrayList<>();
    for (NabScorer.Profile p : NabScorer.PROFILES) {
      overall.add(NabScorer.sweep(files, p));
    }
    Map<String, List<NabScorer.Scored>> byCategory = new LinkedHashMap<>();
    files.forEach(f -> byCategory.computeIfAbsent(f.category(), c -> new ArrayList<>()).add(f));

    out.println("thresholds: " + join(overall, r -> r.threshold() == Double.POSITIVE_INFINITY
        ? "none" : String.format(Locale.ROOT, "%.6f", r.threshold())));
    byCategory.forEach((category, members) -> {
      List<NabScorer.Result> results = new ArrayList<>();
      for (int k = 0; k < NabScorer.PROFILES.size(); k++) {
        results.add(NabScorer.score(members, NabScorer.PROFILES.get(k), overall.get(k).threshold()));
      }
      int windows = members.stream().mapToInt(f -> f.windows().size()).sum();
      // With no window, perfect and null coincide: only the false positives' raw cost says anything.
      out.printf(Locale.ROOT, "%-24s files=%d windows=%d %s%n", category, members.size(), windows,
          join(results, r -> Double.isNaN(r.normalised())
              ? String.format(Locale.ROOT, "raw %.2f", r.raw())
              : String.format(Locale.ROOT, "%.1f", r.normalised())));
    });
    out.println(join(overall, r -> String.format(Locale.ROOT, "%.1f", r.normalised())));
    out.flush();
  }

  private static String join(List<NabScorer.Result> results, java.util.function.Function<NabScorer.Result, String> show) {
    StringBuilder line = new StringBuilder();
    for (int k = 0; k < results.size(); k++) {
      line.append(k == 0 ? "" : " ").append(NabScorer.PROFILES.get(k).name()).append('=')
          .append(show.apply(results.get(k)));
    }
    return line.toString();
  }
}
