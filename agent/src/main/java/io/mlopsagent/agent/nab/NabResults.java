package io.mlopsagent.agent.nab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Another detector's NAB results file ({@code timestamp,value,anomaly_score,...}), read back so
 * that its scores go through our scorer: how published detectors compare on the same data.
 */
final class NabResults {
  private NabResults() {}

  /** The file holding {@code detector}'s scores for {@code f} under {@code root}, as NAB names it. */
  static Path fileFor(Path root, String detector, NabFile f) {
    return root.resolve(detector).resolve(f.category()).resolve(detector + "_" + f.name());
  }

  /** The anomaly scores of {@code file}, one per row of {@code f}; fails naming the file and line. */
  static double[] scores(Path file, NabFile f) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read results " + file + ": " + e.getMessage(), e);
    }
    String[] header = lines.isEmpty() ? new String[0] : lines.get(0).trim().split(",");
    int column = List.of(header).indexOf("anomaly_score");
    if (column < 0) {
      throw new IllegalArgumentException(file + ": expected a header with an anomaly_score column");
    }
    List<String> rows = lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
    if (rows.size() != f.size()) {
      throw new IllegalArgumentException(
          file + ": " + rows.size() + " rows, but the data file " + f.key() + " has " + f.size());
    }
    double[] scores = new double[rows.size()];
    for (int i = 0; i < scores.length; i++) {
      String[] cells = rows.get(i).split(",");
      try {
        scores[i] = Double.parseDouble(cells[column].trim());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(file + " line " + (i + 2) + ": anomaly_score is not a number", e);
      }
      if (!Double.isFinite(scores[i])) {
        throw new IllegalArgumentException(file + " line " + (i + 2) + ": anomaly_score must be finite, was "
            + scores[i]);
      }
    }
    return scores;
  }
}
