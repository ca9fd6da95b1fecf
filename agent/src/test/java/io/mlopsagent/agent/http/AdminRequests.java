package io.mlopsagent.agent.http;

import io.mlopsagent.agent.daemon.TestDaemons;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Hostile requests to the admin API: paths under {@code /api} made of route words, traversal
 * tricks, PromQL-ish model names, unicode and very long segments; every method; Authorization
 * near misses; huge and control-character headers; bodies that are not JSON, nested thousands
 * deep, 70 KB and more, or of the wrong types. The valid token goes only with reads and with
 * changes that cannot change anything (unknown models, unknown verbs), so that after any number
 * of these requests the fleet must still be running and no model paused.
 */
final class AdminRequests {
  static final String TOKEN = TestDaemons.TOKEN;

  /** One request: sent with HttpClient, or over a raw socket when HttpClient would refuse it. */
  record Request(String method, String target, List<Map.Entry<String, String>> headers, byte[] body,
      boolean raw, boolean validToken) {
    @Override
    public String toString() {
      String shownTarget = target.length() > 120 ? target.substring(0, 120) + "...(" + target.length() + ")" : target;
      StringBuilder s = new StringBuilder(method + " " + shownTarget.replace("\r", "\\r").replace("\n", "\\n"));
      for (Map.Entry<String, String> h : headers) {
        String v = h.getValue().length() > 60 ? h.getValue().substring(0, 60) + "...(" + h.getValue().length() + ")"
            : h.getValue();
        s.append(" [").append(h.getKey()).append(": ").append(v.replaceAll("\\p{Cntrl}", "?")).append(']');
      }
      return s.append(raw ? " raw" : "").append(" body ").append(body.length).append(" bytes").toString();
    }
  }

  private static final List<String> ROUTE_WORDS = List.of("models", "fleet", "policies", "reload", "pause", "resume",
      "promote", "abort", "rollback", "rollout", "deployments", "history", "decisions", "plan", "policy", "audit",
      "learner", "cluster", "healthz", "metrics", "api");
  /** Already valid in a URI: sent as they are, so the server sees the escapes. */
  private static final List<String> URI_TRICKS = List.of("", ".", "..", "%2e%2e", "%2E%2E", "%2e%2e%2f",
      "..%2f..%2fetc%2fpasswd", "%00", "%0A", "%0d%0a", "%C3%A9", "%F0%9F%98%80", "%ff%fe", "%252e%252e", ";",
      "a;b=c", "*", "~", "%20", "%7B%7D", "%22", "a%3D~%22.*%22", "%24MODELS", "%2F");
  /** Model names a query could be built from: PromQL-ish, quotes, regexes, line breaks. */
  private static final List<String> HOSTILE_NAMES = List.of("a\"} or vector(1) #", "x{job=\"y\"}", ".*", "a|b",
      "m\nn", "=~", "\\", "a\\\"b", "fraud-*", "${nope}", "a b", "ümlaut", "\u0000", "\u202Eevil", "a/b",
      "-leading", "trailing-", "x".repeat(64), "x".repeat(63));
  /** Reaches only the byte-level parser: HttpClient refuses to send these. */
  private static final List<String> RAW_TARGETS = List.of("/api/%zz", "/api/%", "/api/a b", "/api/\u00e9t\u00e9",
      "/api/" + "a".repeat(20_000), "*", "http://evil.example/api/fleet", "/api/fleet#frag", "//api//fleet",
      "/api/\t", "/api/models/..%2f..%2f", "/api/models/%00/pause", "api/fleet", "/api/models?limit=%zz");
  private static final List<String> QUERIES = List.of("", "?limit=-1", "?limit=0", "?limit=1e9", "?limit=99999999999",
      "?offset=-5", "?offset=2147483648", "?limit=abc", "?state=%00", "?state=paused", "?state=" + "x".repeat(3_000),
      "?type=x", "?degraded=maybe", "?inRollout=TRUE", "?policy=%22", "?limit=1&limit=2", "?=&&=", "?%zz");

  private AdminRequests() {}

  /** A request against a daemon looking after {@code models}; never one that could change them. */
  static Arbitrary<Request> requests(List<String> models) {
    return Arbitraries.frequencyOf(Tuple.of(6, typed(models)), Tuple.of(2, raw(models)),
        Tuple.of(2, forgedChange(models)));
  }

  /** A real change of a real model or the fleet, with anything but the valid token: never a 2xx. */
  private static Arbitrary<Request> forgedChange(List<String> models) {
    Arbitrary<String> target = Arbitraries.oneOf(
        Combinators.combine(Arbitraries.of(models), Arbitraries.of("pause", "resume", "promote", "abort", "rollback",
            "deployments", "rollout/promote", "rollout/abort")).as((m, v) -> "/api/models/" + m + "/" + v),
        Arbitraries.of("/api/fleet/pause", "/api/fleet/%70ause", "/api/fleet/resume", "/api/policies/reload"));
    Arbitrary<Optional<String>> forged = authorization().filter(a -> a.isEmpty() || !isValid(a.get()));
    return Combinators.combine(target, forged, body()).as((t, auth, body) -> {
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      headers.add(Map.entry("X-Mlops-Actor", "mallory"));
      auth.ifPresent(a -> headers.add(Map.entry("Authorization", a)));
      return new Request("POST", t, headers, body, false, false);
    });
  }

  private static Arbitrary<Request> typed(List<String> models) {
    Arbitrary<String> method = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("GET")),
        Tuple.of(4, Arbitraries.just("POST")),
        Tuple.of(2, Arbitraries.of("PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")));
    return Combinators.combine(method, authorization(), otherHeaders(), body(), Arbitraries.integers().between(0, 99))
        .flatAs((m, auth, more, body, pick) -> {
          boolean valid = auth.isPresent() && isValid(auth.get());
          // The token opens changes: with it, a POST goes only where it cannot change anything.
          Arbitrary<String> target = valid && m.equals("POST") ? harmlessChange() : path(models).flatMap(p ->
              Arbitraries.of(QUERIES).map(q -> p + q));
          return target.map(t -> {
            List<Map.Entry<String, String>> headers = new ArrayList<>(more);
            auth.ifPresent(a -> headers.add(Map.entry("Authorization", a)));
            return new Request(m, t, headers, body, false, valid);
          });
        });
  }

  private static Arbitrary<Request> raw(List<String> models) {
    Arbitrary<String> target = Arbitraries.oneOf(Arbitraries.of(RAW_TARGETS),
        Arbitraries.of(HOSTILE_NAMES).map(n -> "/api/models/" + n.replace("\n", "%0A")));
    Arbitrary<List<Map.Entry<String, String>>> headers = Arbitraries.of(
        List.of(Map.entry("X-Junk", "a\u0000b")),
        List.of(Map.entry("Authorization", "Bearer " + TOKEN + "\u0000")),
        List.of(Map.entry("Authorization", "Bearer \u00fc\u00f6\u00e4")),
        List.of(Map.entry("Bad Header", "x")),
        List.of(Map.entry("", "empty name")),
        List.of(Map.entry("X-Folded", "a\r\n continued")),
        List.of(Map.entry("X-Mlops-Actor", "\u00e9\u00e9\u00e9")),
        List.of(Map.entry("X-Huge", "h".repeat(100_000))),
        List.of(Map.entry("Content-Type", "application/json; charset=\u0001")),
        List.of(Map.entry("Transfer-Encoding", "gzip")),
        List.of());
    return Combinators.combine(Arbitraries.of("GET", "POST", "PUT", "DELETE", "BREW", "G E T"), target, headers, body())
        .as((m, t, h, b) -> new Request(m, t, h, b, true, false));
  }

  /** Paths under /api: mostly the real routes with hostile slots, else any segments at all. */
  private static Arbitrary<String> path(List<String> models) {
    return Arbitraries.frequencyOf(Tuple.of(2, route(models)), Tuple.of(1, anyPath(models)));
  }

  /** A route the API has, its model name and verb drawn from real, unknown and hostile ones. */
  private static Arbitrary<String> route(List<String> models) {
    Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of(models), Arbitraries.of(HOSTILE_NAMES)
        .map(AdminRequests::encode), Arbitraries.of(URI_TRICKS), Arbitraries.just("zz-unknown"));
    Arbitrary<String> tail = Arbitraries.of("", "/history", "/decisions", "/plan", "/policy", "/deployments",
        "/deployments/x", "/deployments/%2e%2e", "/deployments/" + "d".repeat(200), "/pause", "/resume", "/promote",
        "/abort", "/rollback", "/rollout/promote", "/rollout/abort", "/rollout/%00", "/bogus");
    return Arbitraries.oneOf(
        Combinators.combine(name, tail).as((n, t) -> "/api/models/" + n + t),
        Arbitraries.of("/api/fleet", "/api/fleet/pause", "/api/fleet/resume", "/api/fleet/%70ause", "/api/fleet/x",
            "/api/policies/reload", "/api/decisions", "/api/audit", "/api/learner", "/api/cluster", "/api/models",
            "/api/models/", "/api"));
  }

  private static Arbitrary<String> anyPath(List<String> models) {
    Arbitrary<String> segment = Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.of(ROUTE_WORDS)),
        Tuple.of(4, Arbitraries.of(URI_TRICKS)),
        Tuple.of(3, Arbitraries.of(HOSTILE_NAMES).map(AdminRequests::encode)),
        Tuple.of(2, Arbitraries.of(models)),
        Tuple.of(2, Arbitraries.strings().ofMaxLength(30).map(AdminRequests::encode)),
        Tuple.of(1, Arbitraries.integers().between(64, 12_000).map(n -> "s".repeat(n))));
    return segment.list().ofMaxSize(5).map(s -> "/api" + (s.isEmpty() ? "" : "/" + String.join("/", s)));
  }

  /** What the token may be sent to: unknown models, unknown verbs, resuming a fleet that runs. */
  private static Arbitrary<String> harmlessChange() {
    Arbitrary<String> unknown = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(3).ofMaxLength(20)
        .map(s -> "zz-unknown-" + s);
    Arbitrary<String> verb = Arbitraries.of("pause", "resume", "promote", "abort", "rollback", "deployments", "bogus",
        "rollout/promote", "rollout/abort", "rollout/x");
    return Arbitraries.oneOf(
        Combinators.combine(unknown, verb).as((n, v) -> "/api/models/" + n + "/" + v),
        Combinators.combine(Arbitraries.of(HOSTILE_NAMES).map(AdminRequests::encode), verb)
            .as((n, v) -> "/api/models/" + n + "/" + v),
        Arbitraries.of("/api/policies/reload", "/api/fleet/resume", "/api/fleet/bogus", "/api/fleet/pause/now",
            "/api/models", "/api/audit", "/api/models/zz-unknown/deployments/x"));
  }

  /** No header, the token as the contract has it, and near misses of every kind. */
  private static Arbitrary<Optional<String>> authorization() {
    String b64 = Base64.getEncoder().encodeToString(("admin:" + TOKEN).getBytes(StandardCharsets.UTF_8));
    Arbitrary<Optional<String>> header = Arbitraries.of("Bearer " + TOKEN, "Bearer   " + TOKEN + "  ",
        "Bearer " + TOKEN + "x", "Bearer " + TOKEN.substring(1), "bearer " + TOKEN, "BEARER " + TOKEN,
        "Basic " + b64, TOKEN, "Bearer", "Bearer ", "Bearer " + "x".repeat(5_000),
        "Bearer " + TOKEN.toUpperCase(java.util.Locale.ROOT), "Bearer " + TOKEN + "," + TOKEN, "Token " + TOKEN)
        .map(Optional::of);
    return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(Optional.empty())), Tuple.of(6, header));
  }

  /**
   * The contract: the scheme "Bearer" (in any case, as RFC 7235 has it and Pekko parses it), a
   * blank, and the token, blanks around it tolerated.
   */
  static boolean isValid(String authorization) {
    return authorization.regionMatches(true, 0, "Bearer ", 0, 7) && authorization.substring(7).strip().equals(TOKEN);
  }

  private static Arbitrary<List<Map.Entry<String, String>>> otherHeaders() {
    Arbitrary<Map.Entry<String, String>> header = Arbitraries.of(
        Map.entry("Content-Type", "application/json"), Map.entry("Content-Type", "text/plain"),
        Map.entry("Content-Type", "application/x-www-form-urlencoded"), Map.entry("Content-Type", "x/y/z"),
        Map.entry("Content-Type", "application/json; charset=latin1"), Map.entry("Accept", "text/html"),
        Map.entry("Accept", "application/xml"), Map.entry("X-Mlops-Actor", "alice@example.com"),
        Map.entry("X-Mlops-Actor", "x".repeat(65)), Map.entry("X-Mlops-Actor", "a b"),
        Map.entry("X-Mlops-Actor", ""), Map.entry("X-Junk", "j".repeat(9_000)),
        Map.entry("X-Junk", "j".repeat(70_000)), Map.entry("Accept-Encoding", "gzip, br"),
        Map.entry("X-Forwarded-For", "10.0.0.1"), Map.entry("Cookie", "session=" + "c".repeat(4_000)));
    return header.list().ofMaxSize(3);
  }

  private static Arbitrary<byte[]> body() {
    Arbitrary<String> text = Arbitraries.oneOf(
        Arbitraries.of("", "{}", "[]", "null", "42", "\"text\"", "{\"reason\": 5}", "{\"reason\": null}",
            "{\"reason\": [\"a\"]}", "{\"reason\": {}}", "{\"version\": [], \"environment\": {}}",
            "{\"version\": \"v2\", \"environment\": \"production\", \"strategy\": \"sideways\"}",
            "{\"reason\": \"" + "r".repeat(600) + "\"}", "{\"reason\": \"\\u0000\\n\\u202e\"}", "not json",
            "{\"a\":", "{'single': 'quotes'}", "{\"a\": 1, \"a\": 2}", "\uFEFF{}", "NaN", "{\"n\": 1e999999}"),
        Arbitraries.integers().between(2, 5_000).map(d -> "[".repeat(d) + "]".repeat(d)),
        Arbitraries.integers().between(2, 5_000).map(d -> "{\"a\":".repeat(d) + "1" + "}".repeat(d)),
        Arbitraries.integers().between(60_000, 90_000).map(n -> "{\"reason\": \"" + "x".repeat(n) + "\"}"),
        Arbitraries.strings().ofMaxLength(200));
    Arbitrary<byte[]> bytes = Arbitraries.of(new byte[] {(byte) 0xFF, (byte) 0xFE, 0}, new byte[] {(byte) 0xC3},
        new byte[200_000]);
    return Arbitraries.frequencyOf(
        Tuple.of(8, text.map(s -> s.getBytes(StandardCharsets.UTF_8))),
        Tuple.of(1, bytes));
  }

  /** Percent-encodes everything but unreserved characters, as a path segment. */
  static String encode(String segment) {
    StringBuilder out = new StringBuilder();
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xFF));
      }
    }
    return out.toString();
  }
}
