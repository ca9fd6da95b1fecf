package io.mlopsagent.agent.nab;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.actors.detect.DetectorParams;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The production baseline over a NAB series: bounded scores, both directions, strictly online. */
class NabDetectorTest {
  private static NabFile series(double[] values) {
    List<LocalDateTime> times = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      times.add(LocalDateTime.of(2024, 1, 1, 0, 0).plusMinutes(5L * i));
    }
    List<String> blanks = Collections.nCopies(values.length, "");
    return new NabFile("c", "f.csv", blanks, blanks, times, values);
  }

  private static double[] noise(int n, long seed) {
    Random random = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 100 + random.nextGaussian();
    }
    return v;
  }

  @Test
  void spikesEitherWayScoreHighestAndEveryScoreIsInTheUnitInterval() {
    for (NabDetector.Scoring scoring : NabDetector.Scoring.values()) {
      double[] v = noise(500, 3);
      v[300] += 15;
      v[400] -= 15;
      double[] s = new NabDetector(DetectorParams.defaults(), 3.0, scoring).scores(series(v));

      assertThat(Arrays.stream(s).allMatch(x -> x >= 0.0 && x <= 1.0)).isTrue();
      double others = 0;
      for (int i = 0; i < s.length; i++) {
        others = i == 300 || i == 400 ? others : Math.max(others, s[i]);
      }
      assertThat(Math.min(s[300], s[400])).as(scoring.name()).isGreaterThan(others);
    }
  }

  @Test
  void aScoreDependsOnlyOnEarlierValues() {
    double[] v = noise(400, 5);
    double[] changed = v.clone();
    for (int i = 200; i < changed.length; i++) {
      changed[i] += 50;
    }
    NabDetector d = new NabDetector(DetectorParams.defaults(), 3.0, NabDetector.Scoring.RANK);

    assertThat(Arrays.copyOf(d.scores(series(changed)), 200)).containsExactly(Arrays.copyOf(d.scores(series(v)), 200));
  }
}
