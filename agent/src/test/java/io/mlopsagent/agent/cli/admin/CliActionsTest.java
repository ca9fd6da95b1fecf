package io.mlopsagent.agent.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.agent.cli.MainTest;
import io.mlopsagent.agent.cli.MainTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mutations: pause, resume, promote, abort, rollback, fleet pause and resume. */
class CliActionsTest {
  @TempDir Path dir;
  private FakeAgent agent;
  private Path tokenFile;

  @BeforeEach
  void start() throws Exception {
    agent = new FakeAgent();
    // Trailing newline and spaces, as an editor or `echo` leaves them: the token is the trimmed text.
    tokenFile = Files.writeString(dir.resolve("token"), "  " + Canned.TOKEN + "\n");
  }

  @AfterEach
  void stop() {
    agent.close();
  }

  @Test
  void pauseSendsTheBearerTokenWhoAndWhyAndPrintsTheOutcome() {
    agent.answer("POST", "/api/models/fraud-detector/pause", 200, """
        {"model": "fraud-detector", "paused": true, "by": "cli:alice", "reason": "incident 42",
         "at": "2026-11-27T14:00:00Z"}""");

    Result r = MainTest.run("pause", "fraud-detector", "--reason", "incident 42", "--server", agent.url(),
        "--token-file", tokenFile.toString());

    assertThat(r.code()).as(r.err()).isZero();
    FakeAgent.Request sent = agent.last();
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.path()).isEqualTo("/api/models/fraud-detector/pause");
    assertThat(sent.authorization()).isEqualTo("Bearer " + Canned.TOKEN);
    assertThat(sent.actor()).matches("cli:[A-Za-z0-9._@:/-]{1,60}");
    assertThat(sent.body()).isEqualTo("{\"reason\":\"incident 42\"}");
    assertThat(r.out()).startsWith("fraud-detector paused by cli:alice at 2026-11-27 14:00:00 UTC: incident 42")
        .contains("mlops-agent resume fraud-detector");
    assertThat(r.out() + r.err()).doesNotContain(Canned.TOKEN);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "resume | {\"model\":\"m1\",\"paused\":false,\"by\":\"cli:bob\",\"reason\":null,\"at\":\"2026-11-27T15:00:00Z\"}"
        + " | m1 resumed by cli:bob at 2026-11-27 15:00:00 UTC",
    "promote | {\"model\":\"m1\",\"rollout\":\"in_progress\"} | m1: step passed, the rollout is now in_progress",
    "abort | {\"model\":\"m1\",\"rollout\":\"aborted\"} | m1: the rollout is now aborted",
    "rollback | {\"model\":\"m1\",\"fromVersion\":\"7\",\"toVersion\":\"6\"}"
        + " | m1 rolled back from version 7 to version 6",
  })
  void eachVerbPostsToItsPathAndPrintsItsOutcome(String verb, String answer, String printed) {
    agent.answer("POST", "/api/models/m1/" + verb, 200, answer);

    Result r = MainTest.run(verb, "m1", "--server", agent.url(), "--token-file", tokenFile.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().strip()).isEqualTo(printed);
    assertThat(agent.last().path()).isEqualTo("/api/models/m1/" + verb);
    // No --reason: an empty object, which the API takes as "no reason given".
    assertThat(agent.last().body()).isEqualTo("{}");
    assertThat(agent.last().authorization()).isEqualTo("Bearer " + Canned.TOKEN);
  }

  @Test
  void fleetPauseIsTheKillSwitch() {
    agent.answer("POST", "/api/fleet/pause", 200,
        "{\"paused\":true,\"by\":\"cli:alice\",\"reason\":\"bad deploy\",\"at\":\"2026-11-27T14:00:00Z\"}");

    Result r = MainTest.run("fleet", "pause", "--reason", "bad deploy", "--server", agent.url(),
        "--token-file", tokenFile.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("fleet paused by cli:alice at 2026-11-27 14:00:00 UTC: bad deploy");
    assertThat(agent.last().path()).isEqualTo("/api/fleet/pause");
    assertThat(agent.last().body()).isEqualTo("{\"reason\":\"bad deploy\"}");
  }

  @Test
  void fleetResumePrintsTheAgentsJsonWithJson() {
    agent.answer("POST", "/api/fleet/resume", 200,
        "{\"paused\":false,\"by\":\"cli:alice\",\"reason\":null,\"at\":\"2026-11-27T14:30:00Z\"}");

    Result r = MainTest.run("fleet", "resume", "--json", "--server", agent.url(), "--token-file",
        tokenFile.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"paused\" : false").contains("\"by\" : \"cli:alice\"");
  }

  @Test
  void fleetWithoutASubcommandIsAUsageError() {
    Result r = MainTest.run("fleet");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("a subcommand is required: pause or resume");
  }

  @Test
  void aReasonLongerThanTheApiTakesIsRefusedBeforeAnyRequest() {
    Result r = MainTest.run("pause", "m1", "--reason", "x".repeat(501), "--server", agent.url());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("'--reason': 501 characters: expected at most 500");
    assertThat(agent.requests()).isEmpty();
  }

  @Test
  void theActorIsCliAndTheUserNameInTheCharactersTheApiAllows() {
    assertThat(AdminOptions.actor("alice")).isEqualTo("cli:alice");
    assertThat(AdminOptions.actor("Jane Doe (ops)")).isEqualTo("cli:Jane_Doe__ops_");
    assertThat(AdminOptions.actor("DOMAIN\\jane")).isEqualTo("cli:DOMAIN_jane");
    assertThat(AdminOptions.actor(null)).isEqualTo("cli:unknown");
    assertThat(AdminOptions.actor("a".repeat(100))).hasSize(64).startsWith("cli:aaa");
  }
}
