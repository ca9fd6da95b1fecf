package io.mlopsagent.agent.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Scores anomaly scores against labelled windows the way NAB's published method describes it. Our
 * own implementation; the conventions, all in row indices of one file:
 *
 * <ul>
 *   <li>Probation: rows {@code i < min(floor(0.15 n), 750)} are never scored (no detection there).
 *   <li>Detection: a scored row whose anomaly score is {@code >= threshold}.
 *   <li>Window {@code [L, R]} (width {@code W = R - L + 1}): only its earliest detection {@code i}
 *       counts, earning {@code TP * f(y) / f(-1)} with {@code y = -(R - i + 1) / W}: {@code y = -1}
 *       at {@code L} (the full TP weight), {@code y = -1/W} at {@code R} (almost nothing). No
 *       detection in it: {@code -FN}.
 *   <li>Outside every window: {@code -FP} when no window ended before {@code i}; else with the
 *       last window that did ({@code R'}, {@code W'}), {@code FP * f(y)} with
 *       {@code y = (i - R') / max(W' - 1, 1)} (the max only guards a one-row window), which is
 *       about 0 right after the window and tends to {@code -FP} far from it.
 *   <li>{@code f(y) = 2 / (1 + e^(5y)) - 1}, and {@code -1} for {@code y > 3}.
 *   <li>Normalised: {@code 100 (raw - null) / (perfect - null)}, perfect {@code = TP * windows},
 *       null {@code = -FN * windows} (never detecting).
 * </ul>
 */
public final class NabScorer {
  private NabScorer() {}

  /** A labelled window in row indices, both ends included. */
  public record Window(int start, int end) {
    int width() {
      return end - start + 1;
    }
  }

  /** The weights of one application profile. */
  public record Profile(String name, double tp, double fn, double fp) {}

  public static final List<Profile> PROFILES = List.of(
      new Profile("standard", 1.0, 1.0, 0.11),
      new Profile("reward_low_FP_rate", 1.0, 1.0, 0.22),
      new Profile("reward_low_FN_rate", 1.0, 2.0, 0.11));

  /** One file's anomaly scores (one per row) and its windows (sorted, not overlapping). */
  public record Scored(String category, double[] scores, List<Window> windows) {}

  /**
   * A profile's score at a threshold.
   *
   * @param threshold detections are scores at or above it; +infinity means never detecting
   */
  public record Result(double threshold, double raw, double nullRaw, double perfect) {
    /** NaN when there is no window to find: perfect and null are then the same. */
    public double normalised() {
      return perfect == nullRaw ? Double.NaN : 100.0 * (raw - nullRaw) / (perfect - nullRaw);
    }
  }

  public static int probation(int rows) {
    return Math.min((int) Math.floor(0.15 * rows), 750);
  }

  static double sigmoid(double y) {
    return y > 3.0 ? -1.0 : 2.0 / (1.0 + Math.exp(5.0 * y)) - 1.0;
  }

  /** What the earliest detection of {@code w}, at row {@code i}, earns. */
  static double truePositive(Profile p, Window w, int i) {
    double y = -(double) (w.end() - i + 1) / w.width();
    return p.tp() * sigmoid(y) / sigmoid(-1.0);
  }

  /** What a detection at row {@code i} outside every window costs (a negative number). */
  static double falsePositive(Profile p, List<Window> windows, int i) {
    Window last = null;
    for (Window w : windows) {
      if (w.end() < i) {
        last = w;
      }
    }
    if (last == null) {
      return -p.fp();
    }
    double y = (double) (i - last.end()) / Math.max(last.width() - 1, 1);
    return p.fp() * sigmoid(y);
  }

  /** The index of the window holding row {@code i}, or -1. */
  private static int windowOf(List<Window> windows, int i) {
    for (int k = 0; k < windows.size(); k++) {
      if (windows.get(k).start() <= i && i <= windows.get(k).end()) {
        return k;
      }
    }
    return -1;
  }

  private static int windowCount(List<Scored> files) {
    return files.stream().mapToInt(f -> f.windows().size()).sum();
  }

  /** The score of {@code files} at one threshold, computed directly from the definition. */
  public static Result score(List<Scored> files, Profile p, double threshold) {
    double raw = 0;
    for (Scored f : files) {
      int from = probation(f.scores().length);
      boolean[] found = new boolean[f.windows().size()];
      for (int i = from; i < f.scores().length; i++) {
        if (!(f.scores()[i] >= threshold)) {
          continue;
        }
        int k = windowOf(f.windows(), i);
        if (k < 0) {
          raw += falsePositive(p, f.windows(), i);
        } else if (!found[k]) {
          found[k] = true;
          raw += truePositive(p, f.windows().get(k), i);
        }
      }
      for (boolean hit : found) {
        raw -= hit ? 0 : p.fn();
      }
    }
    int windows = windowCount(files);
    return new Result(threshold, raw, -p.fn() * windows, p.tp() * windows);
  }

  /** One scored row: its score and how the raw score changes when it becomes a detection. */
  private record Row(double score, int window, int index, double value) {}

  /**
   * The best threshold for {@code p} over the whole corpus: never detecting, or any distinct score
   * of a scored row. Rows are added as detections from the highest score down, so each threshold
   * costs only the rows it adds (an outside row's cost does not depend on other detections; a
   * window's term changes only when a new earliest detection joins it). Ties keep the higher
   * threshold.
   */
  public static Result sweep(List<Scored> files, Profile p) {
    List<Row> rows = new ArrayList<>();
    List<Window> allWindows = new ArrayList<>();
    for (Scored f : files) {
      int base = allWindows.size();
      allWindows.addAll(f.windows());
      for (int i = probation(f.scores().length); i < f.scores().length; i++) {
        int k = windowOf(f.windows(), i);
        double value = k < 0 ? falsePositive(p, f.windows(), i) : 0.0;
        rows.add(new Row(f.scores()[i], k < 0 ? -1 : base + k, i, value));
      }
    }
    rows.sort(Comparator.comparingDouble(Row::score).reversed());
    int[] earliest = new int[allWindows.size()];
    Arrays.fill(earliest, -1);
    double nullRaw = -p.fn() * allWindows.size();
    double raw = nullRaw;
    double best = nullRaw;
    double bestThreshold = Double.POSITIVE_INFINITY;
    for (int r = 0; r < rows.size(); r++) {
      Row row = rows.get(r);
      if (row.window() < 0) {
        raw += row.value();
      } else {
        Window w = allWindows.get(row.window());
        int before = earliest[row.window()];
        if (before < 0) {
          raw += p.fn() + truePositive(p, w, row.index());
          earliest[row.window()] = row.index();
        } else if (row.index() < before) {
          raw += truePositive(p, w, row.index()) - truePositive(p, w, before);
          earliest[row.window()] = row.index();
        }
      }
      boolean groupEnds = r + 1 == rows.size() || rows.get(r + 1).score() != row.score();
      if (groupEnds && raw > best + 1e-12) {
        best = raw;
        bestThreshold = row.score();
      }
    }
    return new Result(bestThreshold, best, nullRaw, p.tp() * allWindows.size());
  }
}
