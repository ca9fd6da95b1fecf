package io.mlopsagent.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlopsagent.agent.Main;
import io.mlopsagent.simulation.report.Kpi;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate} end to end: the agent's daemon and the alternatives on a small scenario. */
class SimulateCommandTest {
  /** Eight models over a day and a half, one accuracy drop with a fresh version to roll out. */
  static final String SCENARIO = """
      scenario {
        name = small
        seed = 3
        duration = 36h
        step = 10m
        groups = [ {
          name = svc
          count = 8
          size-mb = [20, 80]
          complexity = [0.5, 2]
          traffic { peak-rps = [50, 200] }
          accuracy = [0.9, 0.95]
          latency-p95-seconds = [0.03, 0.06]
          error-rate = [0.001, 0.004]
        } ]
        candidates = [ { version = v2, target { models = svc-001 }, appears-after = 1261m,
                         validation-accuracy-delta = 0.02, accuracy-delta = 0.02 } ]
        faults = [ { kind = accuracy-drop, target { models = svc-001 }, onset = 21h, duration = 12h, magnitude = 0.12 } ]
      }
      """;

  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private Run simulate(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(exit, out.toString(), err.toString());
  }

  private JsonNode report(Path out) throws IOException {
    return new ObjectMapper().readTree(Files.readString(out.resolve("report.json")));
  }

  @Test
  void theAgentAndEveryAlternativeAreScoredOnTheSameFleet() throws IOException {
    Path scenario = Files.writeString(dir.resolve("small.conf"), SCENARIO);
    Path out = dir.resolve("report");

    Run run = simulate("simulate", "--scenario", scenario.toString(), "--out", out.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode policies = report(out).get("policies");
    assertThat(policies.fieldNames()).toIterable().containsExactly("agent", "agent_rules_only", "none", "seed_rules",
        "static_canary");
    for (String kpi : Kpi.HEADLINE) {
      assertThat(policies.get("agent").has(kpi)).as(kpi).isTrue();
    }
    // Left alone the dropped model breaks its SLO for twelve hours; the agent rolls v2 out.
    assertThat(policies.get("none").get(Kpi.SLO_VIOLATION_MINUTES).asDouble()).isGreaterThanOrEqualTo(700);
    assertThat(policies.get("agent").get(Kpi.SLO_VIOLATION_MINUTES).asDouble())
        .isLessThan(policies.get("none").get(Kpi.SLO_VIOLATION_MINUTES).asDouble() / 4);
    assertThat(policies.get("agent").get(Kpi.ROLLOUTS).asDouble()).isGreaterThanOrEqualTo(1);
    assertThat(Files.readString(out.resolve("report.html"))).contains("<svg", "small");
    assertThat(run.out()).contains("agent", "seed_rules", "static_canary");
  }

  @Test
  void theSameSeedGivesTheSameReport() throws IOException {
    Path scenario = Files.writeString(dir.resolve("small.conf"), SCENARIO);
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");

    assertThat(simulate("simulate", "--scenario", scenario.toString(), "--baseline", "seed_rules", "--out",
        a.toString()).exit()).isZero();
    assertThat(simulate("simulate", "--scenario", scenario.toString(), "--baseline", "seed_rules", "--out",
        b.toString()).exit()).isZero();

    assertThat(Files.readString(a.resolve("report.json"))).isEqualTo(Files.readString(b.resolve("report.json")));
  }

  @Test
  void aScenarioThatDoesNotValidateIsRefusedWithItsPathAndValue() throws IOException {
    Path scenario = Files.writeString(dir.resolve("bad.conf"), SCENARIO.replace("step = 10m", "step = 0s"));

    Run run = simulate("simulate", "--scenario", scenario.toString(), "--out", dir.resolve("r").toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("scenario.step", "0s");
    assertThat(dir.resolve("r")).doesNotExist();
  }

  @Test
  void anUnknownBaselineIsRefusedWithTheNamesThereAre() throws IOException {
    Path scenario = Files.writeString(dir.resolve("small.conf"), SCENARIO);

    Run run = simulate("simulate", "--scenario", scenario.toString(), "--baseline", "argo");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--baseline", "argo", "seed_rules", "static_canary");
  }

  @Test
  void aPolicyFileThatDoesNotValidateStopsTheRunBeforeItStarts() throws IOException {
    Path scenario = Files.writeString(dir.resolve("small.conf"), SCENARIO);
    Path policy = Files.writeString(dir.resolve("p.conf"), "policies.default.mode = sometimes\n");

    Run run = simulate("simulate", "--scenario", scenario.toString(), "--policy", policy.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("mode", "sometimes");
  }
}
