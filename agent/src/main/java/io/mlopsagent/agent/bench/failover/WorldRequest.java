package io.mlopsagent.agent.bench.failover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpExchange;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.actors.ports.TrafficSplit;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The JSON body of one request to a {@link WorldServer}, read field by field so that a bad request
 * is refused with the name of the field at fault instead of reaching the world half-parsed.
 */
final class WorldRequest {

  /** A request the server refuses with HTTP 400 (or, with another status, a path it does not serve). */
  static final class Refused extends RuntimeException {
    private final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  private final JsonNode body;

  WorldRequest(JsonNode body) {
    this.body = body;
  }

  /** The body of {@code exchange}; none (a GET) reads as an empty object. */
  static WorldRequest read(HttpExchange exchange, ObjectMapper json) {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readAllBytes();
      return new WorldRequest(bytes.length == 0 ? MissingNode.getInstance() : json.readTree(bytes));
    } catch (IOException e) {
      throw invalid("the body is not JSON: " + e.getMessage());
    }
  }

  static Refused invalid(String message) {
    return new Refused(400, message);
  }

  static ModelName model(String field, String value) {
    if (!ModelName.isValid(value)) {
      throw invalid(field + ": " + ModelName.problem(value == null ? "" : value));
    }
    return ModelName.of(value);
  }

  ActionId action() {
    return new ActionId(text("action"));
  }

  String text(String field) {
    JsonNode node = body.path(field);
    if (!node.isTextual() || node.asText().isBlank()) {
      throw invalid("field '" + field + "' must be a non-blank string");
    }
    return node.asText();
  }

  int integer(String field) {
    JsonNode node = body.path(field);
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw invalid("field '" + field + "' must be an integer");
    }
    return node.intValue();
  }

  double number(String field) {
    return optionalNumber(field).orElseThrow(() -> invalid("field '" + field + "' is missing"));
  }

  /** A number, also one written as "NaN" or "Infinity"; empty when the field is absent. */
  OptionalDouble optionalNumber(String field) {
    JsonNode node = body.path(field);
    if (node.isMissingNode() || node.isNull()) {
      return OptionalDouble.empty();
    }
    if (node.isNumber()) {
      return OptionalDouble.of(node.doubleValue());
    }
    if (node.isTextual()) {
      try {
        return OptionalDouble.of(Double.parseDouble(node.asText()));
      } catch (NumberFormatException e) {
        // falls through to the refusal below
      }
    }
    throw invalid("field '" + field + "' must be a number");
  }

  /** The split a policy asked for; {@code null} when it asked for none (the adapter's own way). */
  TrafficSplit split() {
    JsonNode node = body.path("split");
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    for (TrafficSplit s : TrafficSplit.values()) {
      if (s.word().equals(node.asText()) || s.name().equals(node.asText())) {
        return s;
      }
    }
    throw invalid("field 'split' must be one of default, replicas, gateway-api");
  }

  Instant instant(String field) {
    try {
      return Instant.parse(text(field));
    } catch (DateTimeParseException e) {
      throw invalid("field '" + field + "' must be an ISO-8601 instant");
    }
  }

  Duration duration(String field) {
    try {
      Duration d = Duration.parse(text(field));
      if (d.isNegative() || d.isZero()) {
        throw invalid("field '" + field + "' must be positive");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw invalid("field '" + field + "' must be an ISO-8601 duration");
    }
  }

  List<ModelName> models(String field) {
    JsonNode node = body.path(field);
    if (!node.isArray()) {
      throw invalid("field '" + field + "' must be an array of model names");
    }
    List<ModelName> models = new ArrayList<>(node.size());
    for (JsonNode name : node) {
      models.add(model(field, name.isTextual() ? name.asText() : null));
    }
    return models;
  }
}
