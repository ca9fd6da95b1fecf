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
