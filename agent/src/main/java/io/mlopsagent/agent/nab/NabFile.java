package io.mlopsagent.agent.nab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;

/**
 * One NAB data file: {@code <category>/<name>.csv} with a {@code timestamp,value} header. The raw
 * text of each cell is kept so the results file repeats the data exactly as NAB's tools expect.
 *
 * @param category the folder the file is in (NAB's data category)
 * @param name the file name, {@code .csv} included
 * @param rawTimestamps the timestamp cells as written
 * @param rawValues the value cells as written
 * @param times the timestamps parsed (local time: NAB's timestamps carry no zone)
 * @param values the values parsed
 */
public record NabFile(
    String category, String name, List<String> rawTimestamps, List<String> rawValues,
    List<LocalDateTime> times, double[] values) {

  /** {@code yyyy-MM-dd HH:mm:ss} with optional fractional seconds, as in NAB's data and labels. */
  static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .toFormatter();

  /** The key the labels file uses for this file. */
  public String key() {
    return category + "/" + name;
  }

  public int size() {
    return values.length;
  }

  /** The file name without {@code .csv}, as NAB's results names use it. */
  public String baseName() {
    return name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
  }

  static LocalDateTime parseTime(String text) {
    try {
      return LocalDateTime.parse(text.trim(), TIMESTAMP);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a timestamp (expected yyyy-MM-dd HH:mm:ss): '" + text + "'", e);
    }
  }

  /** Reads {@code file}, which lies in {@code category}; fails naming the file and row. */
  public static NabFile read(String category, Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (lines.isEmpty() || !lines.get(0).trim().replace("\uFEFF", "").equalsIgnoreCase("timestamp,value")) {
      throw new IllegalArgumentException(file + ": expected the header 'timestamp,value'");
    }
    List<String> ts = new ArrayList<>();
    List<String> vs = new ArrayList<>();
    List<LocalDateTime> times = new ArrayList<>();
    double[] values = new double[lines.size() - 1];
    int n = 0;
    for (int row = 1; row < lines.size(); row++) {
      String line = lines.get(row).trim();
      if (line.isEmpty()) {
        continue;
      }
      int comma = line.indexOf(',');
      if (comma < 0) {
        throw new IllegalArgumentException(file + " line " + (row + 1) + ": expected 'timestamp,value'");
      }
      String t = line.substring(0, comma).trim();
      String v = line.substring(comma + 1).trim();
      try {
        times.add(parseTime(t));
        values[n] = Double.parseDouble(v);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + " line " + (row + 1) + ": " + e.getMessage(), e);
      }
      ts.add(t);
      vs.add(v);
      n++;
    }
    return new NabFile(category, file.getFileName().toString(), List.copyOf(ts), List.copyOf(vs),
        List.copyOf(times), java.util.Arrays.copyOf(values, n));
  }
}
