package io.mlopsagent.agent.http.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.URI;

/**
 * What a JSON endpoint answered: the status and the parsed body ({@link MissingNode} when the body
 * is empty or not JSON, so callers read fields without null checks).
 */
public record JsonResponse(URI uri, int status, JsonNode body) {

  public boolean successful() {
    return status >= 200 && status < 300;
  }

  public boolean serverError() {
    return status >= 500;
  }

  /** The {@code error_code} of an error body (MLflow's convention), or empty. */
  public String errorCode() {
    return body.path("error_code").asText("");
  }

  /** A short description for error messages: status and, if the body says, the error code and message. */
  public String describe() {
    StringBuilder s = new StringBuilder("HTTP ").append(status);
    String code = errorCode();
    if (!code.isEmpty()) {
      s.append(' ').append(code);
    }
    String message = body.path("message").asText("");
    if (!message.isEmpty()) {
      s.append(": ").append(message.length() > 200 ? message.substring(0, 200) + "..." : message);
    }
    return s.toString();
  }
}
