package io.mlopsagent.agent.nab;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.agent.cli.MainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlops-agent nab} on a tiny NAB-like folder: two files, one labelled spike. */
class NabCommandTest {
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final LocalDateTime START = LocalDateTime.of(2024, 1, 1, 0, 0);

  @TempDir Path dir;

  /** 600 rows every 5 minutes of noise around 10; with a spike of +20 at row {@code spikeAt} (if >= 0). */
  private static void series(Path file, int spikeAt, long seed) throws Exception {
    Random random = new Random(seed);
    StringBuilder csv = new StringBuilder("timestamp,value\n");
    for (int i = 0; i < 600; i++) {
      double v = 10 + random.nextGaussian() + (i == spikeAt ? 20 : 0);
      csv.append(START.plusMinutes(5L * i).format(TS)).append(',').append(String.format(java.util.Locale.ROOT, "%.3f", v))
          .append('\n');
    }
    Files.createDirectories(file.getParent());
    Files.writeString(file, csv);
  }

  private Path corpus() throws Exception {
    Path data = dir.resolve("data");
    series(data.resolve("catA/spiky.csv"), 400, 1);
    series(data.resolve("catB/quiet.csv"), -1, 2);
    // The window holds rows 400..409 (inclusive ends, fractional seconds as in NAB's labels).
    Files.writeString(dir.resolve("windows.json"), "{\"catA/spiky.csv\": [[\""
        + START.plusMinutes(5L * 400).format(TS) + ".000000\", \"" + START.plusMinutes(5L * 409).format(TS)
        + ".000000\"]], \"catB/quiet.csv\": []}");
    return data;
  }

  @Test
  void writesNabResultsAndEndsWithTheThreeScores() throws Exception {
    Path data = corpus();
    Path out = dir.resolve("out");

    MainTest.Result r = MainTest.run("nab", "--data", data.toString(), "--labels",
        dir.resolve("windows.json").toString(), "--out", out.toString(), "--detector", "my-det2");

    assertThat(r.code()).as(r.err()).isZero();
    Path spiky = out.resolve("my-det2/catA/my-det2_spiky.csv");
    assertThat(out.resolve("my-det2/catB/my-det2_quiet.csv")).exists();
    List<String> lines = Files.readAllLines(spiky);
    List<String> input = Files.readAllLines(data.resolve("catA/spiky.csv"));
    assertThat(lines).hasSize(601);
    assertThat(lines.get(0)).isEqualTo("timestamp,value,anomaly_score,label");
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split(",");
      assertThat(cells).hasSize(4);
      assertThat(cells[0] + "," + cells[1]).isEqualTo(input.get(i));
      double score = Double.parseDouble(cells[2]);
      assertThat(score).isBetween(0.0, 1.0);
      int row = i - 1;
      assertThat(cells[3]).isEqualTo(row >= 400 && row <= 409 ? "1" : "0");
    }
    // The spike is found at the window's start, and nothing else scores as high: a perfect run.
    String[] lastLines = r.out().strip().split("\n");
    assertThat(lastLines[lastLines.length - 1])
        .matches("standard=-?\\d+\\.\\d reward_low_FP_rate=-?\\d+\\.\\d reward_low_FN_rate=-?\\d+\\.\\d")
        .isEqualTo("standard=100.0 reward_low_FP_rate=100.0 reward_low_FN_rate=100.0");
    assertThat(r.out()).contains("catA").contains("catB");
    assertThat(r.err()).contains("[2/2]");
  }

  @Test
  void refusesADetectorNameWithAnUnderscore() throws Exception {
    Path data = corpus();

    MainTest.Result r = MainTest.run("nab", "--data", data.toString(), "--labels",
        dir.resolve("windows.json").toString(), "--out", dir.resolve("out").toString(), "--detector", "my_det");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("'--detector'").contains("my_det").contains("letters, digits and '-'");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void refusesLabelsThatMissADataFile() throws Exception {
    Path data = corpus();
    Files.writeString(dir.resolve("windows.json"), "{\"catA/spiky.csv\": []}");

    MainTest.Result r = MainTest.run("nab", "--data", data.toString(), "--labels",
        dir.resolve("windows.json").toString(), "--out", dir.resolve("out").toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("'--labels'").contains("catB/quiet.csv");
  }

  @Test
  void scoresAnotherDetectorsResultsTheSameWayAsItsOwn() throws Exception {
    Path data = corpus();
    Path out = dir.resolve("out");
    String labels = dir.resolve("windows.json").toString();
    MainTest.Result own = MainTest.run("nab", "--data", data.toString(), "--labels", labels, "--out", out.toString());
    assertThat(own.code()).as(own.err()).isZero();

    // The results just written, read back as if another detector had produced them.
    MainTest.Result read = MainTest.run("nab", "--data", data.toString(), "--labels", labels,
        "--score-results", out.toString());

    assertThat(read.code()).as(read.err()).isZero();
    assertThat(read.out()).isEqualTo(own.out());
  }

  @Test
  void refusesResultsWithFewerRowsThanTheData() throws Exception {
    Path data = corpus();
    Path results = dir.resolve("results/other/catA");
    Files.createDirectories(results);
    Files.writeString(results.resolve("other_spiky.csv"), "timestamp,value,anomaly_score,label\n2024-01-01 00:00:00,1,0.5,0\n");

    MainTest.Result r = MainTest.run("nab", "--data", data.toString(), "--labels",
        dir.resolve("windows.json").toString(), "--score-results", dir.resolve("results").toString(),
        "--detector", "other");

    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("other_spiky.csv").contains("1 rows").contains("600");
  }
}
