package io.mlopsagent.agent.cli.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A stand-in for the agent's admin API: a real HTTP server on 127.0.0.1 answering canned JSON per
 * method and path (query included), and recording every request it gets. Unknown routes answer 404
 * in the API's error shape, as the agent does.
 */
final class FakeAgent implements AutoCloseable {
  /** One request as the server saw it. */
  record Request(String method, String path, String authorization, String actor, String body) {}

  private record Answer(int status, String body, Map<String, String> headers, CountDownLatch hold) {}

  private final HttpServer server;
  private final Map<String, Answer> routes = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  FakeAgent() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The base URL to give as --server. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  FakeAgent answer(String method, String path, int status, String json) {
    return answer(method, path, status, json, Map.of());
  }

  FakeAgent answer(String method, String path, int status, String json, Map<String, String> headers) {
    routes.put(method + " " + path, new Answer(status, json, headers, null));
    return this;
  }

  /** A route that answers only once {@code hold} is released: for timeouts, without sleeping. */
  FakeAgent hold(String method, String path, CountDownLatch hold) {
    routes.put(method + " " + path, new Answer(200, "{}", Map.of(), hold));
    return this;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  Request last() {
    return requests.get(requests.size() - 1);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getRawQuery();
    String path = exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query);
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    // Recorded before answering, so a test reading requests() after the command returned sees it.
    requests.add(new Request(exchange.getRequestMethod(), path,
        exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("X-Mlops-Actor"),
        body));
    Answer answer = routes.getOrDefault(exchange.getRequestMethod() + " " + path,
        new Answer(404, "{\"status\":404,\"error\":\"no route " + path + "\"}", Map.of(), null));
    if (answer.hold() != null) {
      try {
        answer.hold().await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
