package io.mlopsagent.agent.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.agent.daemon.Daemon;
import io.mlopsagent.agent.daemon.TestDaemons;
import io.mlopsagent.simulation.fleet.SimulatedFleet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random requests over real HTTP against one running demo daemon ({@link AdminRequests}). Whatever
 * arrives: an answer within ten seconds, never a 5xx, an error always as a JSON {@code {"status",
 * "error"}} body, no change without the token; and afterwards the daemon is healthy, the fleet
 * running and no model paused.
 */
class PropAdminApiFuzzTest {
  private static final int MODELS = 4;
  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(ANSWER_WITHIN).build();

  private static Path dir;
  private static Daemon daemon;
  private static List<String> models;
  /** Answers by kind of request and status, for the report. */
  private static final Map<String, AtomicInteger> STATUSES = new java.util.concurrent.ConcurrentSkipListMap<>();
  private static final Map<String, String> EXAMPLES = new java.util.concurrent.ConcurrentSkipListMap<>();

  @BeforeContainer
  static void startDaemon() throws IOException {
    // jqwik has no @TempDir: a directory of its own, removed after the class.
    dir = Files.createTempDirectory("prop-admin-fuzz");
    var config = TestDaemons.config(dir.resolve("data"), MODELS);
    models = new SimulatedFleet(config.demo().seed(), MODELS).names().stream().map(ModelName::value).toList();
    daemon = TestDaemons.start(dir.resolve("data"), MODELS);
    await().atMost(Duration.ofSeconds(60)).until(() -> get("/readyz").statusCode() == 200);
  }

  @AfterContainer
  static void stopDaemon() throws IOException {
    if (daemon != null) {
      daemon.close();
    }
    System.out.println("admin fuzz answers by request and status: " + STATUSES);
    EXAMPLES.forEach((k, v) -> System.out.println("  e.g. " + k + ": " + v));
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Property(tries = 200)
  void everyAnswerIsTimelyJsonAndChangesNothing(@ForAll("requests") List<AdminRequests.Request> requests)
      throws Exception {
    for (AdminRequests.Request request : requests) {
      Answer answer = send(request);
      String kind = (request.method().equals("POST") ? "POST" : request.method().equals("GET") ? "GET" : "other")
          + (request.validToken() ? "+token " : " ") + answer.status();
      STATUSES.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
      EXAMPLES.putIfAbsent(kind, request + " -> " + shorten(answer.body()));
      check(request, answer);
    }
    // Nothing slipped through: the daemon answers, the fleet runs, no model is paused.
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    JsonNode fleet = JSON.readTree(get("/api/fleet").body());
    assertThat(fleet.get("paused").asBoolean()).as("fleet paused after %s", requests).isFalse();
    JsonNode paused = JSON.readTree(get("/api/models?state=paused").body());
    assertThat(paused.get("total").asInt()).as("models paused after %s", requests).isZero();
  }

  /**
   * Shrunk counterexamples: what the HTTP parser refuses before any route was answered as text
   * (431, 414) or as a 5xx for the client's mistake (505 for a space in the path, 501 for an
   * unknown method).
   */
  @Example
  void requestsTooMalformedToRouteGetA4xxInJson() throws Exception {
    Map<AdminRequests.Request, Integer> expected = Map.of(
        request("GET", "/api/models/" + models.get(0), List.of(Map.entry("X-Junk", "j".repeat(9_000))), false), 431,
        request("GET", "/api/models?state=" + "x".repeat(3_000), List.of(), false), 414,
        request("GET", "/api/a b", List.of(), true), 400,
        request("BREW", "/api/fleet", List.of(), true), 405,
        request("GET", "/api/%zz", List.of(), true), 400);
    for (Map.Entry<AdminRequests.Request, Integer> e : expected.entrySet()) {
      Answer answer = send(e.getKey());
      check(e.getKey(), answer);
      assertThat(answer.status()).as("%s", e.getKey()).isEqualTo(e.getValue());
    }
  }

  private static AdminRequests.Request request(String method, String target, List<Map.Entry<String, String>> headers,
      boolean raw) {
    return new AdminRequests.Request(method, target, headers, new byte[0], raw, false);
  }

  private static void check(AdminRequests.Request request, Answer answer) {
    String what = request + " -> " + answer.status() + " " + shorten(answer.body());
    assertThat(answer.status()).as(what).isBetween(200, 499);
    boolean success = answer.status() / 100 == 2;
    if (success) {
      boolean read = request.method().equals("GET") || request.method().equals("HEAD");
      assertThat(read || request.method().equals("POST") && request.validToken())
          .as("a change answered 2xx without the token: %s", what).isTrue();
    }
    if (request.method().equals("HEAD") || answer.status() == 204) {
      return; // no body to judge
    }
    if (answer.contentType().startsWith("text/html")) {
      // Dot segments climb out of /api ("/api/%2e%2e" is "/"): there the dashboard answers, in HTML.
      assertThat(effectivePath(request.target())).as("HTML only from the dashboard: %s", what)
          .matches("/|/models/[^/]*");
      return;
    }
    if (answer.contentType().startsWith("text/plain")) {
      assertThat(effectivePath(request.target())).as("text only from /metrics: %s", what).isEqualTo("/metrics");
      return;
    }
    JsonNode body;
    try {
      body = JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + what, e);
    }
    assertThat(body).as("a JSON document: %s", what).isNotNull();
    assertThat(answer.contentType()).as(what).startsWith("application/json");
    if (!success) {
      assertThat(body.isObject()).as(what).isTrue();
      assertThat(body.path("status").asInt()).as("status field of %s", what).isEqualTo(answer.status());
      assertThat(body.path("error").isTextual()).as("error field of %s", what).isTrue();
      assertThat(body.path("error").asText()).as(what).isNotBlank();
    }
  }

  /** The path a server sees once escapes are decoded and dot segments removed (RFC 3986, 5.2.4). */
  static String effectivePath(String target) {
    String path = target.split("[?#]", 2)[0];
    java.util.Deque<String> out = new java.util.ArrayDeque<>();
    String[] segments = path.split("/", -1);
    for (int i = 1; i < segments.length; i++) {
      String s = decode(segments[i]);
      if (s.equals("..")) {
        out.pollLast();
      } else if (!s.equals(".")) {
        out.addLast(s);
      }
    }
    boolean trailingDot = path.endsWith("/.") || path.endsWith("/..") || path.toLowerCase(java.util.Locale.ROOT)
        .endsWith("%2e");
    return "/" + String.join("/", out) + (trailingDot && !out.isEmpty() ? "/" : "");
  }

  private static String decode(String segment) {
    try {
      return java.net.URLDecoder.decode(segment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return segment;
    }
  }

  /** What came back, from either client. */
  private record Answer(int status, String contentType, String body) {}

  private static Answer send(AdminRequests.Request r) throws IOException, InterruptedException {
    HttpRequest request = r.raw() ? null : typed(r);
    if (request != null) {
      try {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("content-type").orElse(""),
            response.body());
      } catch (java.net.http.HttpTimeoutException hang) {
        throw hang;
      } catch (IOException answeredEarly) {
        // The server refused the head (431, say) and closed while HttpClient still sent the body;
        // HttpClient then reports the broken pipe, not the answer: the raw socket reads the answer.
      }
    }
    return raw(r);
  }

  /** The request for HttpClient; null when HttpClient will not send such a URI or header. */
  private static HttpRequest typed(AdminRequests.Request r) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.httpPort() + r.target()))
          .timeout(ANSWER_WITHIN)
          .method(r.method(), r.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(r.body()));
      r.headers().forEach(h -> b.header(h.getKey(), h.getValue()));
      return b.build();
    } catch (IllegalArgumentException refusedByClient) {
      return null;
    }
  }

  private static Answer raw(AdminRequests.Request r) throws IOException {
    StringBuilder head = new StringBuilder(r.method() + " " + r.target() + " HTTP/1.1");
    r.headers().forEach(h -> head.append("\r\n").append(h.getKey()).append(": ").append(h.getValue()));
    RawHttp.Answer a = RawHttp.send(daemon.httpPort(), head.toString(), r.body(), (int) ANSWER_WITHIN.toMillis());
    return new Answer(a.status(), a.headers().getOrDefault("content-type", ""), a.body());
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.httpPort() + path))
        .timeout(ANSWER_WITHIN).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String shorten(String body) {
    String flat = body.replace("\n", " ");
    return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
  }

  @Provide
  Arbitrary<List<AdminRequests.Request>> requests() {
    return AdminRequests.requests(models).list().ofMinSize(1).ofMaxSize(5);
  }
}
