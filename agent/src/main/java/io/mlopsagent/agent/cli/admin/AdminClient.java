package io.mlopsagent.agent.cli.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * The admin API as the operator commands use it: one blocking call at a time, every answer judged
 * into data (2xx) or an {@link AdminFailure} carrying the exit code and a message that names the
 * method, the URL and the agent's own words. The token goes in the Authorization header and
 * nowhere else: every message built here is scrubbed of it, should a server echo it back.
 */
public final class AdminClient {
  /** Longest part of a non-JSON error body quoted in a message (a proxy's HTML page, say). */
  private static final int QUOTED_BODY = 200;

  private final URI server;
  private final String token;
  private final String actor;
  private final Duration timeout;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param server base URL, validated by {@link AdminOptions}, without a trailing '/'
   * @param token the admin token, or null to send none
   * @param actor the X-Mlops-Actor header: who acts, for the agent's audit trail
   */
  public AdminClient(URI server, String token, String actor, Duration timeout) {
    this.server = server;
    this.token = token;
    this.actor = actor;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder()
        // HTTP/1.1: a plain-http agent behind a proxy need not survive an h2c upgrade attempt.
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        // Never: a redirect would carry the bearer token to wherever it points.
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  public URI server() {
    return server;
  }

  /** GET {@code path} (starting with '/', query included); the parsed body of a 2xx answer. */
  public JsonNode get(String path) {
    return send("GET", path, HttpRequest.BodyPublishers.noBody());
  }

  /** POST {@code body} as JSON to {@code path}; the parsed body of a 2xx answer. */
  public JsonNode post(String path, Map<String, ?> body) {
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the request body: " + e.getOriginalMessage(), e);
    }
    return send("POST", path, HttpRequest.BodyPublishers.ofByteArray(bytes));
  }

  /** {@code node} as indented JSON, for --json. */
  public String pretty(JsonNode node) {
    try {
      return redact(json.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  public ObjectMapper json() {
    return json;
  }

  /** {@code text} with the token, if it occurs, replaced: whatever the server says, it is never shown. */
  public String redact(String text) {
    return token == null || text == null ? text : text.replace(token, "<token>");
  }

  private JsonNode send(String method, String path, HttpRequest.BodyPublisher body) {
    URI uri = URI.create(server + path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Accept", "application/json")
        .header("X-Mlops-Actor", actor)
        .method(method, body);
    if (method.equals("POST")) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw unreachable(method, uri, "no answer within " + timeout.toMillis() + " ms (--timeout)");
    } catch (ConnectException e) {
      throw unreachable(method, uri, "connection refused or host unreachable; is the agent running there?"
          + " (--server or MLOPS_SERVER)");
    } catch (IOException e) {
      throw unreachable(method, uri, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(method, uri, "interrupted");
    }
    JsonNode parsed = parse(response.body());
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      if (!parsed.isContainerNode()) {
        // Every admin API answer is a JSON object: anything else means --server is some other service.
        throw new AdminFailure(ExitCodes.FAILED, redact(method + " " + uri + ": the server at " + server
            + " answered HTTP " + status + " without the admin API's JSON: is --server the agent's address?"));
      }
      return parsed;
    }
    throw failure(method, uri, status, parsed, response);
  }

  private AdminFailure unreachable(String method, URI uri, String why) {
    return new AdminFailure(ExitCodes.FAILED,
        redact("cannot reach the agent at " + server + " (" + method + " " + uri + "): " + why));
  }

  private AdminFailure failure(String method, URI uri, int status, JsonNode body, HttpResponse<byte[]> response) {
    String call = method + " " + uri + ": ";
    String says = agentSays(body, response.body());
    AdminFailure failure;
    if (status == 404) {
      failure = new AdminFailure(ExitCodes.NOT_FOUND, call + "not found (HTTP 404): " + says);
    } else if (status == 401 || status == 403) {
      String given = token == null ? "no admin token was given" : "the admin token given was not accepted";
      failure = new AdminFailure(ExitCodes.UNAUTHORIZED, call + "refused (HTTP " + status + "): " + says + "; "
          + given + ": set MLOPS_ADMIN_TOKEN or use --token-file FILE with the agent's admin token");
    } else if (status == 429) {
      // Retry-After is seconds or an HTTP date; say either as it reads.
      String retry = response.headers().firstValue("Retry-After").map(Text::clean)
          .map(s -> s.matches("\\d+") ? "; try again in " + s + " s" : "; try again after " + s).orElse("");
      failure = new AdminFailure(ExitCodes.REFUSED, call + "refused (HTTP 429, too many changes): " + says + retry);
    } else if (status >= 400 && status < 500) {
      failure = new AdminFailure(ExitCodes.REFUSED, call + "refused (HTTP " + status + "): " + says + problems(body));
    } else if (status >= 300 && status < 400) {
      String location = response.headers().firstValue("Location").orElse("elsewhere");
      failure = new AdminFailure(ExitCodes.FAILED, call + "the server answered with a redirect (HTTP " + status
          + ") to " + location + ": give the agent's own address as --server");
    } else {
      failure = new AdminFailure(ExitCodes.FAILED, call + "the agent at " + server + " failed (HTTP " + status
          + "): " + says);
    }
    return new AdminFailure(failure.exitCode(), redact(failure.getMessage()));
  }

  /** The API's {@code error}, or what else the body holds when it is not the API's JSON. */
  private static String agentSays(JsonNode body, byte[] raw) {
    String error = body.path("error").asText("");
    if (!error.isBlank()) {
      return Text.clean(error);
    }
    String text = new String(raw, java.nio.charset.StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      return "no message";
    }
    text = Text.clean(text).replaceAll("\\s+", " ");
    return "not an answer of the admin API: "
        + (text.length() > QUOTED_BODY ? text.substring(0, QUOTED_BODY) + "..." : text);
  }

  /** A 422's itemised problems, one per line under the message. */
  private static String problems(JsonNode body) {
    StringBuilder s = new StringBuilder();
    for (JsonNode p : body.path("problems")) {
      s.append(System.lineSeparator()).append("  ").append(Text.clean(p.path("path").asText("?")));
      if (p.has("value") && !p.get("value").isNull()) {
        s.append(" = ").append(Text.clean(p.get("value").isTextual() ? p.get("value").asText()
            : p.get("value").toString()));
      }
      s.append(": ").append(Text.clean(p.path("message").asText("")));
    }
    return s.toString();
  }

  private JsonNode parse(byte[] body) {
    // An HTML page from a proxy parses as missing: the status still says what happened.
    return io.mlopsagent.agent.http.client.JsonHttpClient.parseLeniently(json, body);
  }

}
