package io.mlopsagent.agent.http.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * JSON over HTTP for the agent's outbound adapters (MLflow, retraining): every request carries a
 * timeout, every answer is parsed leniently, and a request with no answer fails with an
 * {@link HttpCallException} naming the URL. Statuses are not judged here: callers decide what a
 * 404 or a 503 means for them.
 */
public final class JsonHttpClient {
  private final HttpClient http;
  private final ObjectMapper json;
  private final Duration timeout;

  public JsonHttpClient(HttpClient http, ObjectMapper json, Duration timeout) {
    this.http = http;
    this.json = json;
    this.timeout = timeout;
  }

  /** A client of its own with a connect timeout equal to the request timeout. */
  public static JsonHttpClient create(Duration timeout) {
    HttpClient http = HttpClient.newBuilder()
        // HTTP/1.1: plain-http servers (MLflow behind gunicorn, webhooks) do not all survive an h2c upgrade.
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .build();
    return new JsonHttpClient(http, new ObjectMapper(), timeout);
  }

  public ObjectMapper json() {
    return json;
  }

  public CompletableFuture<JsonResponse> get(URI uri, Map<String, String> headers) {
    return send("GET", uri, HttpRequest.BodyPublishers.noBody(), headers);
  }

  public CompletableFuture<JsonResponse> post(URI uri, byte[] body, Map<String, String> headers) {
    return send("POST", uri, HttpRequest.BodyPublishers.ofByteArray(body), headers);
  }

  /** Serializes {@code body}; a value Jackson cannot write is a programming error, not an HTTP failure. */
  public byte[] bytes(Object body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  private CompletableFuture<JsonResponse> send(String method, URI uri, HttpRequest.BodyPublisher body,
      Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Accept", "application/json")
        .method(method, body);
    if (method.equals("POST")) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
        .handle((response, error) -> {
          if (error != null) {
            throw new CompletionException(failure(method, uri, unwrap(error)));
          }
          return new JsonResponse(uri, response.statusCode(), parse(response.body()));
        });
  }

  private HttpCallException failure(String method, URI uri, Throwable error) {
    String problem;
    if (error instanceof HttpTimeoutException) {
      problem = "no answer within " + timeout.toMillis() + " ms";
    } else if (error instanceof ConnectException) {
      problem = "connection refused or unreachable";
    } else if (error instanceof IOException) {
      problem = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    } else {
      problem = String.valueOf(error);
    }
    return new HttpCallException(method, uri, problem, true, error);
  }

  private JsonNode parse(byte[] body) {
    return parseLeniently(json, body);
  }

  /**
   * A response body as JSON, or a missing node when it is empty or not JSON (an HTML error page
   * from a proxy, say): the status still tells the caller what happened.
   */
  public static JsonNode parseLeniently(com.fasterxml.jackson.databind.ObjectMapper json, byte[] body) {
    if (body.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode node = json.readTree(body);
      return node == null ? MissingNode.getInstance() : node;
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }


  private static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
