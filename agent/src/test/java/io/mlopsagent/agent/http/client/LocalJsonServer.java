package io.mlopsagent.agent.http.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A JSON server on 127.0.0.1 and a free port for adapter tests: answers by method and path,
 * records every request. Unrouted requests get 404 {@code ENDPOINT_NOT_FOUND}.
 */
public final class LocalJsonServer implements AutoCloseable {

  /** A request as received; header names lower-case. */
  public record Request(String method, String path, Map<String, String> query, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** An answer. */
  public record Reply(int status, String body) {
    public static Reply ok(String body) {
      return new Reply(200, body);
    }
  }

  /** Answers a request; may block (on a latch the test releases) to play a slow server. */
  @FunctionalInterface
  public interface Handler {
    Reply answer(Request request) throws InterruptedException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Handler> routes = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private LocalJsonServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public static LocalJsonServer start() throws IOException {
    return new LocalJsonServer();
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Routes {@code method path} to {@code handler}, replacing an earlier route. */
  public LocalJsonServer on(String method, String path, Handler handler) {
    routes.put(method + " " + path, handler);
    return this;
  }

  public LocalJsonServer on(String method, String path, int status, String body) {
    return on(method, path, r -> new Reply(status, body));
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public List<Request> requests(String method, String path) {
    return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> headers = new TreeMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
      Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          query(exchange.getRequestURI().getRawQuery()), headers,
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      requests.add(request);
      Handler handler = routes.get(request.method() + " " + request.path());
      Reply reply;
      try {
        reply = handler == null
            ? new Reply(404, "{\"error_code\":\"ENDPOINT_NOT_FOUND\",\"message\":\"no route\"}")
            : handler.answer(request);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (IOException e) {
      // The client gave up (a timeout test): nothing to answer.
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new TreeMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      q.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return q;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop(0);
    executor.shutdownNow();
  }
}
