package io.mlopsagent.actors.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Usage percentiles, their decay, and the recommendations VPA-style bounds give. */
class CpuHistogramTest {
  private static final Instant T0 = Instant.parse("2024-03-04T00:00:00Z");
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  /** {@code h} with {@code cores} every five minutes from {@code from} to {@code from + span}. */
  private static CpuHistogram steady(CpuHistogram h, Instant from, Duration span, double cores) {
    for (Instant t = from; !t.isAfter(from.plus(span)); t = t.plus(FIVE_MINUTES)) {
      h = h.add(t, cores);
    }
    return h;
  }

  @Test
  void percentilesOfAUniformSpreadAreWhereTheyShouldBeWithinABucket() {
    CpuHistogram h = CpuHistogram.empty();
    for (int i = 1; i <= 1000; i++) {
      h = h.add(T0, i * 0.01); // all at once: equal weights, 0.01 .. 10 cores
    }

    assertThat(h.percentile(0.5)).isCloseTo(5.0, withinPercentage(6));
    assertThat(h.percentile(0.9)).isCloseTo(9.0, withinPercentage(6));
    assertThat(h.percentile(0.1)).isCloseTo(1.0, withinPercentage(6));
    assertThat(h.percentile(0.9)).isGreaterThanOrEqualTo(9.0); // rounds up, as a request should
    assertThat(h.sampleCount()).isEqualTo(1000);
    assertThat(h.totalWeight()).isCloseTo(1000, within(1e-9));
  }

  @Test
  void bucketsReachPast64CoresAndAnythingAboveLandsInTheLast() {
    assertThat(CpuHistogram.BUCKETS).isBetween(100, 160);
    assertThat(CpuHistogram.bucketStart(CpuHistogram.BUCKETS - 1)).isGreaterThanOrEqualTo(64);
    assertThat(CpuHistogram.bucketStart(1)).isCloseTo(0.01, within(1e-12));
    assertThat(CpuHistogram.bucketOf(500)).isEqualTo(CpuHistogram.BUCKETS - 1);
    assertThat(CpuHistogram.bucketOf(0)).isZero();

    CpuHistogram h = CpuHistogram.empty().add(T0, 500);
    assertThat(h.percentile(0.5)).isGreaterThanOrEqualTo(64).isFinite();
  }

  @Test
  void olderUsageCountsLessSoPercentilesFollowAStepChangeWithinTwoHalfLives() {
    CpuHistogram week = steady(CpuHistogram.empty(), T0, Duration.ofDays(7), 1.0);
    Instant change = T0.plus(Duration.ofDays(7)).plus(FIVE_MINUTES);

    CpuHistogram sixHoursLater = steady(week, change, Duration.ofHours(6), 3.0);
    CpuHistogram twoHalfLivesLater = steady(week, change, Duration.ofHours(48), 3.0);

    // After 6 h the new level holds about 16 % of the weight: enough to be p90, not p50.
    assertThat(sixHoursLater.percentile(0.5)).isCloseTo(1.0, withinPercentage(6));
    assertThat(sixHoursLater.percentile(0.9)).isCloseTo(3.0, withinPercentage(6));
    // After two half-lives it holds about 75 %, although the old level had 3.5 times as many samples.
    assertThat(twoHalfLivesLater.percentile(0.5)).isCloseTo(3.0, withinPercentage(6));
    assertThat(twoHalfLivesLater.percentile(0.2)).isCloseTo(1.0, withinPercentage(6));
  }

  @Test
  void weightsAreRenormalisedSoALongLifeNeverOverflows() {
    CpuHistogram h = CpuHistogram.empty(Duration.ofMinutes(1)); // 3000 half-lives: 2^3000 overflows a double
    for (int m = 0; m < 3000; m++) {
      h = h.add(T0.plus(Duration.ofMinutes(m)), m < 2990 ? 1.0 : 2.0);
    }

    assertThat(java.util.Arrays.stream(h.weights()).allMatch(Double::isFinite)).isTrue();
    assertThat(h.percentile(0.5)).isCloseTo(2.0, withinPercentage(6));
    assertThat(h.totalWeight()).isCloseTo(2.0, withinPercentage(1)); // 1 + 1/2 + 1/4 + ...
    assertThat(h.reference()).isAfter(T0);
  }

  @Test
  void brokenSamplesAreIgnored() {
    CpuHistogram h = CpuHistogram.empty().add(T0, 1.0);

    assertThat(h.add(T0.plusSeconds(60), Double.NaN)).isSameAs(h);
    assertThat(h.add(T0.plusSeconds(60), -0.5)).isSameAs(h);
    assertThat(h.add(T0.plusSeconds(60), Double.POSITIVE_INFINITY)).isSameAs(h);
    assertThat(CpuHistogram.empty().add(T0, Double.NaN).percentile(0.9)).isNaN();
  }

  @Test
  void historyCountsObservedTimeNotTheSpanAcrossAnOutage() {
    CpuHistogram h = CpuHistogram.empty().add(T0, 1.0).add(T0.plusSeconds(60), 1.0)
        .add(T0.plus(Duration.ofDays(3)), 1.0);

    assertThat(h.observedSeconds()).isEqualTo(60 + 300);
    assertThat(h.firstSampleAt()).isEqualTo(T0);
    assertThat(h.lastSampleAt()).isEqualTo(T0.plus(Duration.ofDays(3)));
  }

  @Test
  void underAnHourOfHistoryGivesNoRecommendation() {
    CpuHistogram fiftyFiveMinutes = steady(CpuHistogram.empty(), T0, Duration.ofMinutes(55), 1.0);
    CpuHistogram anHour = fiftyFiveMinutes.add(T0.plus(Duration.ofMinutes(60)), 1.0);

    CpuRecommendation none = fiftyFiveMinutes.recommend(T0.plus(Duration.ofMinutes(56)));
    assertThat(none.present()).isFalse();
    assertThat(none.targetCores()).isNaN();
    assertThat(none.reason()).isEqualTo("not enough usage history");
    assertThat(CpuHistogram.empty().recommend(T0)).isEqualTo(CpuRecommendation.none());
    assertThat(anHour.recommend(T0.plus(Duration.ofMinutes(61))).present()).isTrue();
  }

  @Test
  void aRecommendationIsThePercentilesWithTheMargin() {
    CpuHistogram h = CpuHistogram.empty();
    for (int i = 1; i <= 100; i++) {
      h = h.add(T0, i * 0.02); // 0.02 .. 2 cores
    }
    h = steady(h, T0, Duration.ofDays(8), 1.0); // 8 days of history
    CpuRecommendation r = h.recommend(T0.plus(Duration.ofDays(8)));

    assertThat(r.targetCores()).isCloseTo(h.percentile(0.9) * 1.15, within(1e-9));
    assertThat(r.lowerBoundCores()).isCloseTo(h.percentile(0.5) * 1.15 * Math.pow(1 + 0.001 / 8, -2), within(1e-9));
    assertThat(r.upperBoundCores()).isCloseTo(h.percentile(0.95) * 1.15 * (1 + 1.0 / 8), within(1e-9));
    assertThat(r.historyDays()).isCloseTo(8, within(1e-9));
    assertThat(r.reason()).contains("p90").contains("8.0 days");
  }

  @Test
  void shortHistoryWidensTheBoundsButNotTheTarget() {
    CpuHistogram twoHours = steady(CpuHistogram.empty(), T0, Duration.ofHours(2), 1.0);
    CpuHistogram eightDays = steady(CpuHistogram.empty(), T0, Duration.ofDays(8), 1.0);

    CpuRecommendation young = twoHours.recommend(T0.plus(Duration.ofHours(2)));
    CpuRecommendation old = eightDays.recommend(T0.plus(Duration.ofDays(8)));

    assertThat(young.targetCores()).isEqualTo(old.targetCores());
    // (1 + 1/days): x13 at 2 hours, x1.125 at 8 days
    assertThat(young.upperBoundCores() / old.upperBoundCores()).isCloseTo(13 / 1.125, withinPercentage(0.1));
    assertThat(young.lowerBoundCores()).isLessThan(old.lowerBoundCores());
    assertThat(young.lowerBoundCores() / old.lowerBoundCores()).isGreaterThan(0.97); // usage seen is a floor
    assertThat(young.reason()).contains("2.0 hours");
  }

  @Test
  void tinyUsageIsRecommendedTheMinimum() {
    CpuHistogram idle = steady(CpuHistogram.empty(), T0, Duration.ofHours(3), 0.001);

    CpuRecommendation r = idle.recommend(T0.plus(Duration.ofHours(3)));
    assertThat(r.targetCores()).isEqualTo(0.05);
    assertThat(r.lowerBoundCores()).isEqualTo(0.05);
  }

  @Test
  void staleUsageGivesNoRecommendation() {
    CpuHistogram h = steady(CpuHistogram.empty(), T0, Duration.ofHours(3), 1.0);

    CpuRecommendation r = h.recommend(T0.plus(Duration.ofDays(9)));
    assertThat(r.present()).isFalse();
    assertThat(r.reason()).startsWith("no usage sample since 2024-03-04T03:00:00Z");
  }

  @Test
  void percentileOutsideZeroToOneIsRejected() {
    assertThatThrownBy(() -> CpuHistogram.empty().percentile(90))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("p was 90.0, allowed is 0..1");
  }
}
