package io.mlopsagent.actors.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RarityHistogramTest {
  @Test
  void nothingIsRareWithoutHistory() {
    assertThat(RarityHistogram.empty().rarity(1e6)).isZero();
  }

  @Test
  void aValueAboveAllEarlierOnesIsAsRareAsTheHistoryIsLong() {
    RarityHistogram h = RarityHistogram.empty();
    for (int i = 0; i < 99; i++) {
      h = h.add(1.0, 1_000);
    }
    // 0 earlier values in its bin or above: 1 - 1/100 just beyond the largest bin seen...
    double edge = RarityHistogram.upperEdge(RarityHistogram.bin(1.0));
    assertThat(h.rarity(edge * 1.001)).isCloseTo(1 - 0.01 / (1.001 * 1.001), within(1e-9));
    // ...and a tail thinner with the square of the distance further out.
    assertThat(h.rarity(100.0)).isCloseTo(1 - 0.01 * Math.pow(edge / 100.0, 2), within(1e-12));
    // All 99 are at least as large: 1 - 100/100.
    assertThat(h.rarity(1.0)).isZero();
    assertThat(h.rarity(0.5)).isZero();
  }

  @Test
  void halvesItsCountsOnceItsMemoryIsFull() {
    RarityHistogram h = RarityHistogram.empty();
    for (int i = 0; i < 100; i++) {
      h = h.add(i % 2 == 0 ? 1.0 : 10.0, 100);
    }
    assertThat(h.total()).isEqualTo(100);
    h = h.add(1.0, 100);
    assertThat(h.total()).isEqualTo(51);
    // 25 of the 51 are 10.0 or above.
    assertThat(h.rarity(10.0)).isCloseTo(1 - 26.0 / 52, within(1e-12));
  }

  @Test
  void nanAndTinyValuesFallInTheLowestBinAndHugeOnesInTheHighest() {
    assertThat(RarityHistogram.bin(Double.NaN)).isZero();
    assertThat(RarityHistogram.bin(0.0)).isZero();
    assertThat(RarityHistogram.bin(Double.MAX_VALUE)).isEqualTo(RarityHistogram.BINS - 1);
  }

  @Test
  void isImmutableAndComparedByValue() {
    RarityHistogram a = RarityHistogram.empty().add(2.0, 100);
    RarityHistogram b = RarityHistogram.empty().add(2.0, 100);
    a.counts()[RarityHistogram.bin(2.0)] = 99;
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
  }
}
