package io.mlopsagent.actors.agent;

import io.mlopsagent.persistence.CborSerializable;
import java.time.Instant;
import java.util.Arrays;

/**
 * The most CPU, in cores, a model used on each of its last {@value #DAYS} days (UTC). A scale-in
 * must still serve the busiest hour of the week, not only of today: a Monday peak is three times
 * a Sunday's for a model whose users work, and a baseline of hours forgets it over a weekend. In
 * cores rather than utilisation, so a change of replicas does not change what was used.
 *
 * @param day the epoch day of {@code cores[0]}
 * @param cores the day's peak first, then the days before; 0 where nothing was seen
 */
public record CpuPeaks(long day, double[] cores) implements CborSerializable {
  public static final int DAYS = 7;
  private static final long SECONDS_PER_DAY = 86_400;

  public CpuPeaks {
    cores = cores == null ? new double[DAYS] : Arrays.copyOf(cores, DAYS);
  }

  public static CpuPeaks empty() {
    return new CpuPeaks(Long.MIN_VALUE, new double[DAYS]);
  }

  /** Learns a window: {@code utilisation} of {@code replicas} replicas of {@code cpuCores} each. */
  public CpuPeaks observe(Instant at, double utilisation, int replicas, double cpuCores) {
    if (!Double.isFinite(utilisation) || utilisation < 0) {
      return this;
    }
    long today = Math.floorDiv(at.getEpochSecond(), SECONDS_PER_DAY);
    double[] next;
    if (day == Long.MIN_VALUE || today - day >= DAYS) {
      next = new double[DAYS];
    } else if (today > day) {
      next = new double[DAYS];
      int shift = (int) (today - day);
      System.arraycopy(cores, 0, next, shift, DAYS - shift);
    } else if (today < day) {
      return this; // a window from before the newest day changes nothing
    } else {
      next = cores.clone();
    }
    next[0] = Math.max(next[0], utilisation * replicas * cpuCores);
    return new CpuPeaks(today, next);
  }

  /** The busiest day's peak over the last week, in cores; 0 before any window. */
  public double weeklyPeakCores() {
    return Arrays.stream(cores).max().orElse(0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CpuPeaks p && p.day == day && Arrays.equals(p.cores, cores);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(day) * 31 + Arrays.hashCode(cores);
  }

  @Override
  public String toString() {
    return "CpuPeaks[day=" + day + ", cores=" + Arrays.toString(cores) + "]";
  }
}
