package io.mlopsagent.agent.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.agent.cli.MainTest;
import io.mlopsagent.agent.cli.MainTest.Result;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every exit code of the admin commands, each with its message on stderr and never the token. */
class CliExitCodesTest {
  @TempDir Path dir;
  private FakeAgent agent;
  private Path tokenFile;

  @BeforeEach
  void start() throws Exception {
    agent = new FakeAgent();
    tokenFile = Files.writeString(dir.resolve("token"), Canned.TOKEN);
  }

  @AfterEach
  void stop() {
    agent.close();
  }

  private Result run(String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--server";
    all[args.length + 1] = agent.url();
    all[args.length + 2] = "--token-file";
    all[args.length + 3] = tokenFile.toString();
    Result r = MainTest.run(all);
    assertThat(r.out() + r.err()).doesNotContain(Canned.TOKEN);
    return r;
  }

  @Test
  void zeroWhenDone() {
    agent.answer("POST", "/api/models/m1/abort", 200, "{\"model\":\"m1\",\"rollout\":\"aborted\"}");

    assertThat(run("abort", "m1").code()).isZero();
  }

  @Test
  void oneWhenTheAgentCannotBeReachedNamingTheUrlAndWhy() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort;

    Result r = MainTest.run("status", "--server", url, "--token-file", tokenFile.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("error: cannot reach the agent at " + url + " (GET " + url + "/api/fleet): ")
        .contains("connection refused").doesNotContain(Canned.TOKEN).doesNotContain("\tat ");
  }

  @Test
  void oneWhenTheAgentDoesNotAnswerInTime() {
    CountDownLatch release = new CountDownLatch(1);
    agent.hold("GET", "/api/fleet", release);
    try {
      Result r = run("status", "--timeout", "300ms");

      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).contains("cannot reach the agent at " + agent.url()).contains("no answer within 300 ms");
    } finally {
      release.countDown();
    }
  }

  @Test
  void oneWhenTheAgentFails() {
    agent.answer("GET", "/api/models/m1", 500, "{\"status\":500,\"error\":\"journal unavailable\"}");

    Result r = run("status", "m1");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("error: GET " + agent.url() + "/api/models/m1: the agent at " + agent.url()
        + " failed (HTTP 500): journal unavailable" + System.lineSeparator());
  }

  @Test
  void oneWhenTheServerIsNotTheAgent() {
    agent.answer("GET", "/api/models/m1", 200, "<html>welcome to nginx</html>");

    Result r = run("status", "m1");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("without the admin API's JSON: is --server the agent's address?");
  }

  @Test
  void twoForABadCommandLine() {
    assertThat(run("status", "--bogus").code()).isEqualTo(2);

    Result notHttp = MainTest.run("status", "--server", "ftp://127.0.0.1:21");
    assertThat(notHttp.code()).isEqualTo(2);
    assertThat(notHttp.err()).contains("Invalid value for option '--server': 'ftp://127.0.0.1:21': only http:// and"
        + " https:// URLs are accepted");

    Result badName = run("status", "../fleet");
    assertThat(badName.code()).isEqualTo(2);
    assertThat(badName.err()).contains("model name '../fleet' is invalid");

    Path missing = dir.resolve("no-such-token");
    Result noTokenFile = MainTest.run("pause", "m1", "--server", agent.url(), "--token-file", missing.toString());
    assertThat(noTokenFile.code()).isEqualTo(2);
    assertThat(noTokenFile.err()).contains("'--token-file': '" + missing + "' is not a readable plain file");

    Result tooShort = run("status", "--timeout", "10ms");
    assertThat(tooShort.code()).isEqualTo(2);
    assertThat(tooShort.err()).contains("'--timeout': 10ms is out of range: expected 100ms to 10m");

    assertThat(agent.requests()).isEmpty();
  }

  @Test
  void threeWhenNotFound() {
    agent.answer("GET", "/api/models/nope", 404,
        "{\"status\":404,\"error\":\"model 'nope' is not known: it has never been observed\"}");

    Result r = run("status", "nope");

    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("not found (HTTP 404): model 'nope' is not known");
  }

  @Test
  void fourWithoutATokenSayingHowToGiveOne() {
    agent.answer("POST", "/api/models/m1/pause", 401, "{\"status\":401,\"error\":\"no bearer token\"}",
        Map.of("WWW-Authenticate", "Bearer"));

    Result r = MainTest.run("pause", "m1", "--server", agent.url());

    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err()).contains("refused (HTTP 401): no bearer token").contains("MLOPS_ADMIN_TOKEN")
        .contains("--token-file");
  }

  @Test
  void fourForAWrongTokenWhichIsNeverShownEvenWhenTheServerEchoesIt() {
    agent.answer("POST", "/api/models/m1/pause", 403,
        "{\"status\":403,\"error\":\"token " + Canned.TOKEN + " is not the admin token\"}");

    Result r = run("pause", "m1");

    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err()).contains("refused (HTTP 403): token <token> is not the admin token")
        .contains("the admin token given was not accepted").contains("MLOPS_ADMIN_TOKEN");
    assertThat(agent.last().authorization()).isEqualTo("Bearer " + Canned.TOKEN);
  }

  @Test
  void fiveWhenTheAgentRefusesWithItsOwnMessage() {
    agent.answer("POST", "/api/models/m1/promote", 409,
        "{\"status\":409,\"error\":\"m1 has no rollout paused on an inconclusive analysis\"}");

    Result r = run("promote", "m1");

    assertThat(r.code()).isEqualTo(5);
    assertThat(r.err()).isEqualTo("error: POST " + agent.url() + "/api/models/m1/promote: refused (HTTP 409): m1 has"
        + " no rollout paused on an inconclusive analysis" + System.lineSeparator());
  }

  @Test
  void fiveForAnInvalidRequestListingEveryProblem() {
    agent.answer("POST", "/api/models/m1/pause", 422, """
        {"status":422,"error":"the request is invalid","problems":[
          {"path":"reason","value":"\\u001b[31mred","message":"expected printable text"}]}""");

    Result r = run("pause", "m1", "--reason", "red");

    assertThat(r.code()).isEqualTo(5);
    // The escape character the server quoted is not passed on to the terminal.
    assertThat(r.err()).contains("refused (HTTP 422): the request is invalid")
        .contains("  reason =  [31mred: expected printable text").doesNotContain("\u001b");
  }

  @Test
  void fiveForAnyOtherRefusal() {
    agent.answer("POST", "/api/models/m1/pause", 413, "{\"status\":413,\"error\":\"body larger than 64 KiB\"}");

    Result r = run("pause", "m1");

    assertThat(r.code()).isEqualTo(5);
    assertThat(r.err()).contains("refused (HTTP 413): body larger than 64 KiB");
  }

  @Test
  void fiveWhenRateLimitedSayingWhenToTryAgain() {
    agent.answer("POST", "/api/fleet/pause", 429, "{\"status\":429,\"error\":\"too many changes\"}",
        Map.of("Retry-After", "30"));

    Result r = run("fleet", "pause");

    assertThat(r.code()).isEqualTo(5);
    assertThat(r.err()).contains("refused (HTTP 429, too many changes): too many changes; try again in 30 s");
  }
}
