package io.mlopsagent.agent.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One instant-vector answer of the Prometheus HTTP API: series with their labels and value.
 * Values come as strings ("NaN", "+Inf" included) and are kept as Prometheus gave them; whether a
 * value is usable is decided downstream, where a bad one becomes a data gap.
 */
record PromQueryResult(List<Sample> samples) {

  record Sample(Map<String, String> labels, double value) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One series of a range answer: its labels and its points (Unix seconds → value). */
  record Series(Map<String, String> labels, java.util.SortedMap<Long, Double> points) {}

  /** A range-vector (matrix) answer of {@code /api/v1/query_range}. */
  static List<Series> parseMatrix(String body) throws IOException {
    JsonNode root = JSON.readTree(body);
    if (!"success".equals(root.path("status").asText())) {
      throw new IOException("Prometheus answered " + root.path("errorType").asText("an error") + ": "
          + root.path("error").asText(""));
    }
    List<Series> series = new ArrayList<>();
    for (JsonNode s : root.path("data").path("result")) {
      Map<String, String> labels = new HashMap<>();
      s.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      java.util.SortedMap<Long, Double> points = new java.util.TreeMap<>();
      for (JsonNode point : s.path("values")) {
        points.put(Math.round(point.path(0).asDouble()), parseValue(point.path(1).asText()));
      }
      series.add(new Series(labels, points));
    }
    return series;
  }

  static PromQueryResult parse(String body) throws IOException {
    JsonNode root = JSON.readTree(body);
    if (!"success".equals(root.path("status").asText())) {
      throw new IOException("Prometheus answered " + root.path("errorType").asText("an error") + ": "
          + root.path("error").asText(body.length() > 200 ? body.substring(0, 200) : body));
    }
    JsonNode data = root.path("data");
    if (!"vector".equals(data.path("resultType").asText())) {
      throw new IOException("expected an instant vector, Prometheus answered a " + data.path("resultType").asText());
    }
    List<Sample> samples = new ArrayList<>();
    for (JsonNode series : data.path("result")) {
      Map<String, String> labels = new HashMap<>();
      series.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      samples.add(new Sample(labels, parseValue(series.path("value").path(1).asText())));
    }
    return new PromQueryResult(samples);
  }

  private static double parseValue(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> {
        try {
          yield Double.parseDouble(text);
        } catch (NumberFormatException e) {
          yield Double.NaN;
        }
      }
    };
  }
}
