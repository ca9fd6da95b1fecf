package io.mlopsagent.agent.nab;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.actors.detect.DetectorParams;
import io.mlopsagent.actors.detect.Surprise;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The production detectors over a NAB series: bounded scores, both directions, strictly online. */
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
  void aSpikeEitherWayScoresHighestAndEveryScoreIsInTheUnitInterval() {
    for (NabDetector.Scoring scoring : NabDetector.Scoring.values()) {
      for (double spike : new double[] {15, -15}) {
        double[] v = noise(2_000, 3);
        v[1_200] += spike;
        double[] s = detector(scoring).scores(series(v));

        assertThat(Arrays.stream(s).allMatch(x -> x >= 0.0 && x <= 1.0)).isTrue();
        double others = 0;
        for (int i = 0; i < s.length; i++) {
          others = i == 1_200 ? others : Math.max(others, s[i]);
        }
        assertThat(s[1_200]).as("%s, spike %s", scoring, spike).isGreaterThan(others);
      }
    }
  }

  @Test
  void aScoreDependsOnlyOnEarlierValues() {
    double[] v = noise(400, 5);
    double[] changed = v.clone();
    for (int i = 200; i < changed.length; i++) {
      changed[i] += 50;
    }
    for (NabDetector.Scoring scoring : NabDetector.Scoring.values()) {
      NabDetector d = detector(scoring);

      assertThat(Arrays.copyOf(d.scores(series(changed)), 200)).containsExactly(Arrays.copyOf(d.scores(series(v)), 200));
    }
  }

  @Test
  void oneIncidentIsOneAlarmNotOneForEveryValueInIt() {
    double[] v = noise(1_600, 7);
    for (int i = 1_200; i < 1_250; i++) {
      v[i] += 20;
    }
    double[] s = detector(NabDetector.Scoring.SURPRISE).scores(series(v));

    double alarmAt = Surprise.Params.defaults().alarmAt();
    assertThat(s[1_200]).isGreaterThanOrEqualTo(alarmAt);
    assertThat(Arrays.stream(s, 1_201, 1_400).max().orElseThrow()).isLessThan(alarmAt);
  }

  private static NabDetector detector(NabDetector.Scoring scoring) {
    return new NabDetector(DetectorParams.defaults(), Surprise.Params.defaults(), 3.0, scoring);
  }
}
