package io.mlopsagent.agent.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/ci-deploy.sh (docs/CI.md) against a fake agent on loopback that answers as the admin API
 * does: the verdicts and refusals become the exit codes a pipeline acts on. Needs bash, curl and
 * jq, as the script does; scripts/install-test-deps.sh installs them.
 */
class CiDeployScriptTest {
  private static final Path SCRIPT = Path.of("..", "scripts", "ci-deploy.sh").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "s3cret-token-value";
  private static final String PLAN = """
      {"strategy":"CANARY","canaryWeights":[10,50,100],"startAt":"2026-01-01T00:00:00Z","cpuCores":1.0,
       "strategyPart":{"decision":"canary 10/50/100","reason":"rule: 150 MB is over 100 MB"},
       "startPart":{"decision":"now","reason":"rule: 19:00 UTC is off-peak"},
       "resourcesPart":{"decision":"1.00 core per replica","reason":"rule: current 1.00 core"},
       "learned":false,"basis":"rules: no model trained yet"}""";

  /** What the fake agent answers, in order; the last one repeats. */
  private final Deque<Answer> posts = new ConcurrentLinkedDeque<>();
  private final Deque<Answer> gets = new ConcurrentLinkedDeque<>();
  private final List<Request> seen = new CopyOnWriteArrayList<>();
  private HttpServer server;
  @TempDir Path tmp;

  record Answer(int status, String body, Map<String, String> headers) {
    Answer(int status, String body) {
      this(status, body, Map.of());
    }
  }

  record Request(String method, String path, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
  }

  record Run(int exit, String output) {}

  @BeforeEach
  void start() throws IOException {
    assertThat(onPath("bash") && onPath("curl") && onPath("jq"))
        .as("bash, curl and jq are needed (scripts/install-test-deps.sh installs them)").isTrue();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void aPromotedDeploymentPassesTheJob() throws Exception {
    posts.add(accepted());
    gets.add(deployment("in_progress", null, 0, 10));
    gets.add(deployment("in_progress", null, 1, 50));
    gets.add(deployment("promoted", "promoted", 2, 100));

    Run run = run(Map.of("CI_PIPELINE_ID", "4711", "CI_COMMIT_SHORT_SHA", "abc1234"),
        "fraud-scorer", "7", "production", "canary");

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("accepted as deployment d-1")
        .contains("strategy: canary 10/50/100 - rule: 150 MB is over 100 MB")
        .contains("start:    now - rule: 19:00 UTC is off-peak")
        .contains("cpu:      1.00 core per replica - rule: current 1.00 core")
        .contains("in_progress step 1 weight 50%")
        .contains("PROMOTED")
        .doesNotContain(TOKEN);

    Request post = seen.get(0);
    assertThat(post.method()).isEqualTo("POST");
    assertThat(post.path()).isEqualTo("/api/models/fraud-scorer/deployments");
    assertThat(post.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(post.header("X-Mlops-Actor")).isEqualTo("gitlab-pipeline-4711");
    assertThat(post.header("Content-Type")).isEqualTo("application/json");
    JsonNode body = JSON.readTree(post.body());
    assertThat(body.path("version").asText()).isEqualTo("7");
    assertThat(body.path("environment").asText()).isEqualTo("production");
    assertThat(body.path("strategy").asText()).isEqualTo("canary");
    assertThat(body.path("reason").asText()).isEqualTo("deploy fraud-scorer 7 to production (commit abc1234)");
    assertThat(seen.subList(1, seen.size())).allSatisfy(get -> {
      assertThat(get.method()).isEqualTo("GET");
      assertThat(get.path()).isEqualTo("/api/models/fraud-scorer/deployments/d-1");
    });
  }

  @Test
  void withoutAStrategyTheOptimizerChooses() throws Exception {
    posts.add(accepted());
    gets.add(deployment("promoted", "promoted", 2, 100));

    Run run = run(Map.of(), "fraud-scorer", "7", "production");

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(JSON.readTree(seen.get(0).body()).has("strategy")).isFalse();
    assertThat(seen.get(0).header("X-Mlops-Actor")).isEqualTo("ci");
  }

  @Test
  void anAbortedOrRolledBackDeploymentFailsTheJob() throws Exception {
    for (String verdict : List.of("aborted", "rolled_back")) {
      posts.clear();
      gets.clear();
      posts.add(accepted());
      gets.add(deployment(verdict, verdict, 1, 0));

      Run run = run(Map.of(), "fraud-scorer", "7", "production");

      assertThat(run.exit()).as(run.output()).isEqualTo(1);
      assertThat(run.output()).contains("NOT PROMOTED (" + verdict + "): analysis failed");
    }
  }

  @Test
  void noVerdictInTimeFailsTheJobAndSaysTheDeploymentGoesOn() throws Exception {
    posts.add(accepted());
    gets.add(deployment("paused_inconclusive", null, 1, 50));

    Run run = run(Map.of("MLOPS_DEPLOY_TIMEOUT", "1"), "fraud-scorer", "7", "production");

    assertThat(run.exit()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("waits for an operator").contains("NO VERDICT within 1 s")
        .contains("/api/models/fraud-scorer/abort");
  }

  @Test
  void aRefusedRequestIsExitTwoWithTheAgentsReasons() throws Exception {
    posts.add(new Answer(422, """
        {"status":422,"error":"version '9' is not known to the registry","problems":[
          {"path":"version","value":"9","message":"expected one of 5, 6, 7"}]}"""));

    Run run = run(Map.of(), "fraud-scorer", "9", "production");

    assertThat(run.exit()).as(run.output()).isEqualTo(2);
    assertThat(run.output()).contains("refused (422)").contains("version '9' is not known")
        .contains("- version = 9: expected one of 5, 6, 7");
    assertThat(seen).hasSize(1);
  }

  @Test
  void aWrongTokenIsExitTwo() throws Exception {
    posts.add(new Answer(403, "{\"status\":403,\"error\":\"the token is not the admin token\"}"));

    Run run = run(Map.of(), "fraud-scorer", "7", "production");

    assertThat(run.exit()).as(run.output()).isEqualTo(2);
    assertThat(run.output()).contains("refused (403)").doesNotContain(TOKEN);
  }

  @Test
  void aBusyAgentIsAskedAgainAfterRetryAfter() throws Exception {
    posts.add(new Answer(429, "{\"status\":429,\"error\":\"too many mutations\"}", Map.of("Retry-After", "0")));
    posts.add(accepted());
    gets.add(deployment("promoted", "promoted", 2, 100));

    Run run = run(Map.of(), "fraud-scorer", "7", "production");

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(seen.stream().filter(r -> r.method().equals("POST"))).hasSize(2);
  }

  @Test
  void badUsageIsExitTwoWithoutARequest() throws Exception {
    assertThat(run(Map.of(), "fraud-scorer", "7").exit()).isEqualTo(2);
    assertThat(run(Map.of(), "not a name", "7", "production").exit()).isEqualTo(2);
    assertThat(run(Map.of(), "fraud-scorer", "7", "production", "rolling").exit()).isEqualTo(2);
    Run noToken = run(Map.of("MLOPS_ADMIN_TOKEN", ""), "fraud-scorer", "7", "production");
    assertThat(noToken.exit()).isEqualTo(2);
    assertThat(noToken.output()).contains("MLOPS_ADMIN_TOKEN is not set");
    assertThat(seen).isEmpty();
  }

  private static Answer accepted() {
    return new Answer(202, """
        {"id":"d-1","model":"fraud-scorer","version":"7","environment":"production","status":"scheduled","plan":%s}"""
        .formatted(PLAN), Map.of("Location", "/api/models/fraud-scorer/deployments/d-1"));
  }

  private static Answer deployment(String status, String verdict, int step, int weight) {
    String reason = verdict == null ? null : verdict.equals("promoted") ? "all analyses passed" : "analysis failed";
    return new Answer(200, """
        {"id":"d-1","model":"fraud-scorer","version":"7","environment":"production","strategy":"canary",
         "status":"%s","step":%d,"weight":%d,"verdict":%s,"reason":%s,"requestedBy":"ci",
         "requestedAt":"2026-01-01T00:00:00Z","plan":%s}""".formatted(status, step, weight,
        verdict == null ? "null" : "\"" + verdict + "\"", reason == null ? "null" : "\"" + reason + "\"", PLAN));
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    seen.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
        Map.copyOf(exchange.getRequestHeaders()), body));
    Deque<Answer> answers = exchange.getRequestMethod().equals("POST") ? posts : gets;
    // The last answer stands for every later request, as a deployment stays where it is.
    Answer answer = answers.size() > 1 ? answers.poll() : answers.peek();
    if (answer == null) {
      answer = new Answer(500, "{\"status\":500,\"error\":\"no answer scripted\"}");
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /** The script with {@code args} after the fake agent's URL, and {@code env} over a clean CI environment. */
  private Run run(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString(), "http://127.0.0.1:" + server.getAddress().getPort()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    // The machine's own CI variables would change the actor and the reason.
    pb.environment().keySet().removeIf(k -> k.startsWith("CI_") || k.startsWith("GITHUB_") || k.startsWith("MLOPS_"));
    pb.environment().put("MLOPS_ADMIN_TOKEN", TOKEN);
    pb.environment().put("MLOPS_POLL_INTERVAL", "0.05");
    pb.environment().putAll(env);
    Path out = Files.createTempFile(tmp, "ci-deploy", ".out");
    pb.redirectErrorStream(true).redirectOutput(out.toFile());
    Process p = pb.start();
    // The script bounds itself (curl's timeouts, MLOPS_DEPLOY_TIMEOUT); this only catches a hang.
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("ci-deploy.sh did not finish within 60 s: %s", Files.readString(out));
    }
    return new Run(p.exitValue(), Files.readString(out));
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    return path != null && Stream.of(path.split(File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
  }
}
