package io.mlopsagent.agent.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NAB's combined windows file: {@code {"<category>/<name>.csv": [["start", "end"], ...]}}, a window
 * inclusive at both ends.
 */
public final class NabLabels {
  /** A labelled window in time, both ends included. */
  public record TimeWindow(LocalDateTime start, LocalDateTime end) {}

  private final Map<String, List<TimeWindow>> byFile;

  private NabLabels(Map<String, List<TimeWindow>> byFile) {
    this.byFile = byFile;
  }

  public static NabLabels read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read labels " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(file + ": expected a JSON object of file -> windows");
    }
    Map<String, List<TimeWindow>> byFile = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      List<TimeWindow> windows = new ArrayList<>();
      for (JsonNode w : e.getValue()) {
        if (!w.isArray() || w.size() != 2) {
          throw new IllegalArgumentException(file + ": " + e.getKey() + ": a window must be [start, end]");
        }
        try {
          windows.add(new TimeWindow(NabFile.parseTime(w.get(0).asText()), NabFile.parseTime(w.get(1).asText())));
        } catch (IllegalArgumentException ex) {
          throw new IllegalArgumentException(file + ": " + e.getKey() + ": " + ex.getMessage(), ex);
        }
      }
      byFile.put(e.getKey(), List.copyOf(windows));
    }
    return new NabLabels(byFile);
  }

  public boolean covers(String key) {
    return byFile.containsKey(key);
  }

  /**
   * The windows of {@code f} as row ranges: from the first row at or after the start to the last
   * row at or before the end. A window that holds no row is dropped: no detector could find it.
   */
  public List<NabScorer.Window> rowWindows(NabFile f) {
    List<NabScorer.Window> rows = new ArrayList<>();
    for (TimeWindow w : byFile.getOrDefault(f.key(), List.of())) {
      int first = -1;
      int last = -1;
      for (int i = 0; i < f.size(); i++) {
        LocalDateTime t = f.times().get(i);
        if (!t.isBefore(w.start()) && !t.isAfter(w.end())) {
          first = first < 0 ? i : first;
          last = i;
        }
      }
      if (first >= 0) {
        rows.add(new NabScorer.Window(first, last));
      }
    }
    rows.sort((a, b) -> Integer.compare(a.start(), b.start()));
    return rows;
  }
}
