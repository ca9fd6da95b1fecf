package io.mlopsagent.agent.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlopsagent.agent.cli.MainTest;
import io.mlopsagent.agent.cli.MainTest.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code mlops-agent explain}: decisions in plain words. */
class CliExplainTest {
  private FakeAgent agent;

  @BeforeEach
  void start() throws Exception {
    agent = new FakeAgent()
        .answer("GET", "/api/models/fraud-detector/decisions?limit=5", 200, Canned.DECISIONS)
        .answer("GET", "/api/models/quiet/decisions?limit=2", 200,
            "{\"total\": 0, \"offset\": 0, \"limit\": 2, \"items\": []}");
  }

  @AfterEach
  void stop() {
    agent.close();
  }

  @Test
  void eachDecisionIsAParagraphOfWhenWhatWhyAndTheNumbers() {
    Result r = MainTest.run("explain", "fraud-detector", "--server", agent.url());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("fraud-detector: the last 5 decisions of 12, newest first");
    assertThat(r.out()).containsSubsequence(
        "2026-11-27 13:00:00 UTC: started a canary rollout of version 7.",
        "  Why: p95 latency degraded without high CPU (30%): found optimized version 7.",
        "  Numbers: value 0.45, baseline 0.2, threshold 1.5, surprise 0.93.",
        "  Policy: fraud-canary (act).",
        "2026-11-27 12:30:00 UTC: scaled out from 2 to 4 replicas.",
        "  Why: CPU above 80% for 30 windows.",
        "  Numbers: threshold 0.8.",
        "2026-11-27 12:00:00 UTC: detected degraded p95 latency.",
        "  Numbers: value 0.45, baseline 0.2, threshold 1.5, surprise 0.93.",
        "  Only recorded: policy default is in recommend mode, so nothing was changed.",
        "2026-11-27 11:00:00 UTC: rolled back from version 6 to version 5.",
        // A type this version does not know is shown as the agent names it.
        "2026-11-27 10:00:00 UTC: shadow_tested.");
    assertThat(agent.last().path()).isEqualTo("/api/models/fraud-detector/decisions?limit=5");
  }

  @Test
  void lastAsksForThatManyAndSaysWhenThereAreNone() {
    Result r = MainTest.run("explain", "quiet", "--last", "2", "--server", agent.url());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().strip()).isEqualTo("quiet: no decisions recorded yet");
    assertThat(agent.last().path()).isEqualTo("/api/models/quiet/decisions?limit=2");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "0", "101"
  })
  void lastOutsideOneToAHundredIsAUsageError(String last) {
    Result r = MainTest.run("explain", "fraud-detector", "--last", last, "--server", agent.url());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("'--last': " + last + " is out of range: expected 1 to 100");
    assertThat(agent.requests()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{'type':'degradation_detected','reason':'accuracy 0.8 is more than 0.05 below its baseline 0.9'}"
        + " | detected degraded accuracy",
    "{'type':'degradation_detected','signal':'ERROR_RATE_DEGRADED'} | detected a degraded error rate",
    "{'type':'degradation_detected','reason':'CPU utilisation 0.1 is below 0.2 for 30 windows'}"
        + " | detected idle CPU (more capacity than the load needs)",
    "{'type':'rollout_started','rollout':{'toVersion':'7','strategy':'BLUE_GREEN'}}"
        + " | started a blue-green rollout of version 7",
    "{'type':'rollout_started'} | started a rollout",
    "{'type':'rollout_scheduled','candidate':{'version':'8'},'plan':{'startAt':'2026-11-28T03:00:00Z'}}"
        + " | scheduled a rollout of version 8 for 2026-11-28 03:00:00 UTC",
    "{'type':'canary_step_passed','inputs':{'step':1.0,'weight':25.0},'nextWeight':50}"
        + " | passed the canary step at 25% of traffic, moving on to 50%",
    "{'type':'rollout_promoted','version':'7','previousVersion':'6'}"
        + " | promoted version 7 to stable, replacing version 6",
    "{'type':'rollout_aborted','version':'7','stableVersion':'6'}"
        + " | aborted the rollout of version 7, keeping version 6",
    "{'type':'paused_inconclusive','inputs':{'step':2.0,'weight':50.0}}"
        + " | paused the rollout at 50% of traffic: its analysis was inconclusive (promote or abort it)",
    "{'type':'rolled_back','fromVersion':'7','toVersion':'6'} | rolled back from version 7 to version 6",
    "{'type':'scaled_out','inputs':{'replicas':2.0,'toReplicas':4.0}} | scaled out from 2 to 4 replicas",
    "{'type':'scaled_in','inputs':{'replicas':4.0,'toReplicas':4.0,'cpuCores':2.0,'toCpuCores':1.5}}"
        + " | scaled in: CPU per replica from 2 to 1.5 cores",
    "{'type':'retraining_requested'} | requested retraining",
    "{'type':'something_new'} | something_new",
  })
  void everyDecisionTypeHasItsWords(String item, String words) throws Exception {
    assertThat(DecisionWords.what(new ObjectMapper().readTree(item.replace('\'', '"')))).isEqualTo(words);
  }
}
