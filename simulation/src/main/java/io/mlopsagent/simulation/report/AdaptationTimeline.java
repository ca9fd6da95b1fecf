package io.mlopsagent.simulation.report;

import java.time.Duration;
import java.util.List;

/**
 * Chart (d): when each policy adapted, one row per policy. Adaptations are counted per time
 * bucket (a few pixels wide) rather than drawn one by one, so 100,000 of them cost no more than
 * ten; a bucket's mark grows with the square root of its count, so a lone adaptation stays
 * visible next to a burst. Justified adaptations rise above the row's line in the policy's colour,
 * false ones hang below it in black: position and colour both tell them apart.
 */
final class AdaptationTimeline {
  static final String ID = "adaptation-timeline";
  private static final String FALSE_COLOUR = Canvas.INK;
  private static final double LABEL_X = 8;
  private static final double LEFT = 190;
  private static final double RIGHT = Canvas.WIDTH - 24;
  private static final double TOP = 36;
  private static final double ROW = 64;
  private static final double REACH = 24;
  private static final double BUCKET_PIXELS = 3;

  private AdaptationTimeline() {}

  static void draw(Markup m, SimulationReport report, PolicyStyles styles) {
    List<PolicyRun> runs = report.policies();
    TimeScale time = new TimeScale(report.start(), report.duration(), LEFT, RIGHT);
    int buckets = (int) ((RIGHT - LEFT) / BUCKET_PIXELS);
    int[][][] counts = new int[runs.size()][][];
    int most = 1;
    for (int r = 0; r < runs.size(); r++) {
      counts[r] = count(runs.get(r), time, buckets);
      for (int[] kind : counts[r]) {
        for (int c : kind) {
          most = Math.max(most, c);
        }
      }
    }
    double bottom = TOP + runs.size() * ROW;
    Canvas.open(m, ID, bottom + 40, "Adaptations over time",
        "One row per policy; marks above the line are justified adaptations, black marks below are false ones.");
    Axes.alongX(m, time.ticks(), TOP, bottom);
    Duration bucketSpan = time.span().dividedBy(buckets);
    m.element("text", "Above each line: justified adaptations, in the policy's colour. Below: false ones, in black."
        + " One mark per " + DurationText.about(bucketSpan) + "; its height grows with the count.",
        "x", LEFT, "y", TOP - 16);
    for (int r = 0; r < runs.size(); r++) {
      PolicyRun run = runs.get(r);
      double base = TOP + r * ROW + ROW / 2;
      label(m, run, base);
      Axes.baseline(m, LEFT, base, RIGHT, base);
      marks(m, counts[r][0], base, -1, most, styles.of(run.policy()).colour(), "justified", bucketSpan);
      marks(m, counts[r][1], base, 1, most, FALSE_COLOUR, "false", bucketSpan);
    }
    m.close();
  }

  /** Per bucket: [0] the justified adaptations, [1] the false ones. */
  private static int[][] count(PolicyRun run, TimeScale time, int buckets) {
    int[][] counts = new int[2][buckets];
    for (PolicyRun.Adaptation a : run.adaptations()) {
      counts[a.justified() ? 0 : 1][time.bucket(a.at(), buckets)]++;
    }
    return counts;
  }

  private static void label(Markup m, PolicyRun run, double base) {
    long unjustified = run.adaptations().stream().filter(a -> !a.justified()).count();
    int total = run.adaptations().size();
    m.element("text", run.policy(), "x", LABEL_X, "y", base - 10, "font-weight", "bold");
    m.element("text", total == 0 ? "no adaptations" : KpiText.number((double) total, 0) + " adaptations",
        "x", LABEL_X, "y", base + 5);
    if (total > 0) {
      m.element("text", KpiText.number((double) unjustified, 0) + " false", "x", LABEL_X, "y", base + 20);
    }
  }

  /** Draws a bucket's count as a bar going up ({@code direction} -1) or down (+1) from the line. */
  private static void marks(Markup m, int[] counts, double base, int direction, int most, String colour,
      String what, Duration bucketSpan) {
    double width = (RIGHT - LEFT) / counts.length;
    m.open("g", "fill", colour, "class", what);
    for (int b = 0; b < counts.length; b++) {
      if (counts[b] == 0) {
        continue;
      }
      double height = 3 + (REACH - 3) * Math.sqrt((double) counts[b] / most);
      m.open("rect", "x", LEFT + b * width, "y", direction < 0 ? base - height : base, "width",
          Math.max(1.0, width - 0.5), "height", height);
      m.element("title", counts[b] + " " + what + " from " + DurationText.elapsed(bucketSpan.multipliedBy(b)));
      m.close();
    }
    m.close();
  }
}
