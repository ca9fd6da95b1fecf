package io.mlopsagent.simulation.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps values from zero to a round maximum onto a pixel range (which may run upwards, as a y axis
 * does). The maximum is rounded up to a 1, 2 or 5 step so ticks read as round numbers. A chart
 * whose values are all zero still gets a scale (to 1), so it draws flat lines instead of failing.
 */
final class ValueScale {
  private static final int TARGET_TICKS = 5;

  private final double max;
  private final double step;
  private final double from;
  private final double to;

  ValueScale(double dataMax, double from, double to) {
    double top = dataMax > 0 && Double.isFinite(dataMax) ? dataMax : 1;
    double raw = top / TARGET_TICKS;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double norm = raw / magnitude;
    this.step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * magnitude;
    this.max = Math.ceil(top / step - 1e-9) * step;
    this.from = from;
    this.to = to;
  }

  /** Pixel of a value; values outside zero to the maximum are held at the ends. */
  double at(double v) {
    double f = Math.max(0, Math.min(1, v / max));
    return from + f * (to - from);
  }

  List<Tick> ticks() {
    int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
    List<Tick> ticks = new ArrayList<>();
    for (int i = 0; i * step <= max + step / 2; i++) {
      double v = i * step;
      ticks.add(new Tick(at(v), String.format(Locale.ROOT, "%,." + decimals + "f", v)));
    }
    return ticks;
  }
}
