package io.mlopsagent.agent.http.dashboard;

import java.util.Locale;

/** The five metrics of a window, by their JSON field, with how an operator reads each. */
enum Metric {
  ACCURACY("accuracy", "Accuracy") {
    @Override
    String format(double v) {
      return String.format(Locale.ROOT, "%.3f", v);
    }
  },
  LATENCY_P95("latencyP95Seconds", "Latency p95") {
    @Override
    String format(double v) {
      double ms = v * 1000;
      return String.format(Locale.ROOT, Math.abs(ms) < 10 ? "%.1f ms" : "%.0f ms", ms);
    }
  },
  ERROR_RATE("errorRate", "Error rate") {
    @Override
    String format(double v) {
      return String.format(Locale.ROOT, "%.2f%%", v * 100);
    }
  },
  THROUGHPUT("throughputRps", "Throughput") {
    @Override
    String format(double v) {
      return String.format(Locale.ROOT, "%.1f rps", v);
    }
  },
  CPU("cpuUtilization", "CPU utilisation") {
    @Override
    String format(double v) {
      return String.format(Locale.ROOT, "%.1f%%", v * 100);
    }
  };

  private final String field;
  private final String title;

  Metric(String field, String title) {
    this.field = field;
    this.title = title;
  }

  /** The key in windows, baselines and thresholds. */
  String field() {
    return field;
  }

  String title() {
    return title;
  }

  /** The value in the unit an operator thinks in (milliseconds, percent), finite values only. */
  abstract String format(double v);
}
