package io.mlopsagent.agent.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a benchmark prints: progress lines as it goes, then its figures, one per line; with
 * {@code --json} the figures once more as a single JSON object, the last line of the output, for
 * scripts.
 */
final class BenchReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintWriter out;
  private final boolean json;
  private final Map<String, Object> figures = new LinkedHashMap<>();
  private final Map<String, String> meanings = new LinkedHashMap<>();

  BenchReport(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  /** One line about what the benchmark is doing. */
  void progress(String format, Object... args) {
    out.printf(format + "%n", args);
    out.flush();
  }

  /** A figure, rounded to two decimals. */
  void figure(String key, double value, String meaning) {
    figure(key, value, 2, meaning);
  }

  /** A figure, rounded to {@code decimals} (0..6): more than two for sub-millisecond latencies. */
  void figure(String key, double value, int decimals, String meaning) {
    double scale = Math.pow(10, decimals);
    put(key, Math.round(value * scale) / scale, meaning);
  }

  /** A count. */
  void figure(String key, long value, String meaning) {
    put(key, value, meaning);
  }

  private void put(String key, Object value, String meaning) {
    figures.put(key, value);
    meanings.put(key, meaning);
  }

  /** Prints the figures; the JSON object, when asked for, is the very last line. */
  void finish() {
    int width = figures.keySet().stream().mapToInt(String::length).max().orElse(0);
    out.println("figures:");
    figures.forEach((key, value) ->
        out.printf("  %-" + width + "s  %-10s  %s%n", key, value, meanings.get(key)));
    if (json) {
      try {
        out.println(JSON.writeValueAsString(figures));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write the figures as JSON", e);
      }
    }
    out.flush();
  }
}
