package io.mlopsagent.simulation.scenario;

import static io.mlopsagent.simulation.scenario.ScenarioText.refused;
import static io.mlopsagent.simulation.scenario.ScenarioText.refusedWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioValidationTest {

  @Test
  void everyProblemOfTheFileIsReportedAtOnceWithPathAndValue() {
    ScenarioProblem problem = refused("""
        scenario {
          name = "Test Scenario"
          seed = -1
          duration = 7
          step = 5s
          groups = [
            { name = fraud, count = 0, size-mb = [300, 20], complexity = 1, traffic.peak-rps = 10,
              accuracy = 0.9, latency-p95-seconds = 0.05, error-rate = 0.001 }
            { name = churn, count = 2, size-mb = 50, complexity = 20, traffic { peak-rps = 10, trough-share = 1.4 },
              accuracy = 0.9, latency-p95-seconds = [0.01, 0.02, 0.03], error-rate = 0.001,
              resources { min-replicas = 5, max-replicas = 3 } }
          ]
        }
        """);

    assertThat(problem.problems()).containsExactly(
        "scenario.name = \"Test Scenario\": expected a name of 1-40 characters: lowercase letters, digits and '-'",
        "scenario.seed = -1: expected an integer from 0 to 9223372036854775807",
        "scenario.step = \"5s\": expected from 10s to 1h",
        "scenario.duration = 7: expected a positive duration with a unit (ms, s, m, h, d), such as 6h",
        "scenario.groups[0].count = 0: expected an integer from 1 to 100000",
        "scenario.groups[0].size-mb = [300, 20]: expected MB above 0, at most 100000:"
            + " one number, or [min, max] with min <= max",
        "scenario.groups[1].complexity = 20: expected a score from 0.1 to 10: one number, or [min, max] with min <= max",
        "scenario.groups[1].traffic.trough-share = 1.4: expected a fraction from 0 to 1",
        "scenario.groups[1].latency-p95-seconds = [0.01, 0.02, 0.03]: expected seconds above 0, at most 60:"
            + " one number, or [min, max] with min <= max",
        "scenario.groups[1].resources.min-replicas = 5: expected at most max-replicas (3)");
    assertThat(problem.getMessage()).startsWith("test scenario refused, 10 problems:\n  scenario.name = ");
  }

  @Test
  void requiredKeysAreNamedWhenMissing() {
    ScenarioProblem problem = refused("scenario { name = x, groups = [ { name = fraud } ] }");

    assertThat(problem.problems()).contains(
        "scenario.seed = (missing): expected an integer from 0 to 9223372036854775807",
        "scenario.groups[0].count = (missing): expected an integer from 1 to 100000",
        "scenario.groups[0].traffic = (missing): expected an object");
  }

  @Test
  void unknownKeysAreRefusedAtEveryLevelWithTheKeysAllowedThere() {
    ScenarioProblem problem = refusedWith("""
        senario.name = x
        scenario.sed = 3
        scenario.slo.min-acuracy = 0.9
        scenario.faults = [ { kind = metrics-outage, onset = 1d, duration = 1h, target { modles = "a*" } } ]
        """);

    assertThat(problem.problems()).containsExactlyInAnyOrder(
        "senario = {\"name\":\"x\"}: unknown key: expected one of scenario",
        "scenario.sed = 3: unknown key: expected one of name, description, seed, start, step, duration, slo, groups,"
            + " candidates, cluster, faults, agent-policies",
        "scenario.slo.min-acuracy = 0.9: unknown key: expected one of min-accuracy, max-latency-p95-seconds,"
            + " max-error-rate",
        "scenario.faults[0].target.modles = \"a*\": unknown key: expected one of group, models, count");
  }

  @Test
  void aTargetMustNameAGroupAndAValidGlobAndSelectSomeModel() {
    ScenarioProblem problem = refusedWith("""
        scenario.faults = [
          { kind = metrics-outage, target.group = fruad, onset = 1d, duration = 1h }
          { kind = metrics-outage, target.models = "Fraud_*", onset = 1d, duration = 1h }
          { kind = metrics-outage, target { group = churn, models = "churn-01*" }, onset = 1d, duration = 1h }
          { kind = metrics-outage, target.count = -1, onset = 1d, duration = 1h }
        ]
        """);

    assertThat(problem.problems()).containsExactly(
        "scenario.faults[0].target.group = \"fruad\": expected the name of a group: one of fraud, churn",
        "scenario.faults[1].target.models = \"Fraud_*\": expected a glob of lowercase letters, digits and '-',"
            + " with * for any run of characters and ? for one",
        "scenario.faults[2].target = {\"group\":\"churn\",\"models\":\"churn-01*\"}: expected a target that selects"
            + " at least one model; the models are churn-001..churn-002",
        "scenario.faults[3].target.count = -1: expected an integer from 0 to 100000");
  }

  @Test
  void faultMagnitudesAreCheckedByKindAndEventsMustHappenInsideTheRun() {
    ScenarioProblem problem = refusedWith("""
        scenario.candidates = [ { version = v2, appears-after = 3d, validation-accuracy-delta = 0, accuracy-delta = 0 } ]
        scenario.faults = [
          { kind = latency-spike, onset = 1d, duration = 1h, magnitude = 0.5 }
          { kind = error-spike, onset = 1d, duration = 1h, magnitude = 2 }
          { kind = kubernetes-api-errors, onset = 1d, duration = 1h, magnitude = 0 }
          { kind = metrics-outage, onset = 1d, duration = 1h, magnitude = 3 }
          { kind = bad-candidate, onset = 1d, duration = 1h, magnitude = 0.1 }
          { kind = accuracy-drop, onset = 2d, duration = 0s, magnitude = 0.1 }
          { kind = disk-full, onset = 1d, duration = 1h, magnitude = 1 }
        ]
        """);

    assertThat(problem.problems()).containsExactly(
        "scenario.candidates[0].appears-after = \"3d\": expected a time inside the run: before its duration (2d)",
        "scenario.faults[0].magnitude = 0.5: expected a factor above 1, at most 100, for latency-spike",
        "scenario.faults[1].magnitude = 2: expected a fraction above 0, at most 1, for error-spike",
        "scenario.faults[2].magnitude = 0: expected a fraction above 0, at most 1, for kubernetes-api-errors",
        "scenario.faults[3].magnitude = 3: metrics-outage takes no magnitude",
        "scenario.faults[4].duration = \"1h\": bad-candidate takes no duration: the version stays in the registry",
        "scenario.faults[5].onset = \"2d\": expected a time inside the run: before its duration (2d)",
        "scenario.faults[5].duration = \"0s\": expected a positive duration with a unit (ms, s, m, h, d), such as 6h",
        "scenario.faults[6].kind = \"disk-full\": expected one of latency-spike, error-spike, accuracy-drift,"
            + " accuracy-drop, cpu-saturation, traffic-surge, bad-candidate, metrics-outage, kubernetes-api-errors,"
            + " registry-outage, agent-crash");
  }

  @Test
  void anAgentCrashTakesOnlyItsOnsetAndARegistryOutageNoMagnitude() {
    ScenarioProblem problem = refusedWith("""
        scenario.faults = [
          { kind = agent-crash, target { models = "*-001" }, onset = 1d, duration = 1h, magnitude = 1 }
          { kind = registry-outage, onset = 1d, duration = 1h, magnitude = 0.5 }
          { kind = registry-outage, onset = 1d }
        ]
        """);

    assertThat(problem.problems()).containsExactly(
        "scenario.faults[0].target = {\"models\":\"*-001\"}: agent-crash takes no target: the whole agent stops and"
            + " starts again",
        "scenario.faults[0].duration = \"1h\": agent-crash takes no duration: the agent starts again at once, on its"
            + " journal",
        "scenario.faults[0].magnitude = 1: agent-crash takes no magnitude",
        "scenario.faults[1].magnitude = 0.5: registry-outage takes no magnitude",
        "scenario.faults[2].duration = (missing): expected a positive duration with a unit (ms, s, m, h, d), such as 6h");
  }

  @Test
  void namesMustBeUniqueAndAVersionGivenOnceAModel() {
    ScenarioProblem problem = refused(ScenarioText.MINIMAL.replace("name = churn", "name = fraud") + """
        scenario.candidates = [
          { version = v2, target.models = "*-001", appears-after = 1d, validation-accuracy-delta = 0, accuracy-delta = 0 }
        ]
        """);
    assertThat(problem.problems()).containsExactly(
        "scenario.groups[1].name = \"fraud\": expected a name no earlier group uses");

    ScenarioProblem clash = refusedWith("""
        scenario.candidates = [
          { version = v2, target.group = churn, appears-after = 1d, validation-accuracy-delta = 0, accuracy-delta = 0 }
          { version = v2, target.models = "*-002", appears-after = 1d, validation-accuracy-delta = 0, accuracy-delta = 0 }
        ]
        """);
    assertThat(clash.problems()).containsExactly(
        "scenario.candidates[1].version = \"v2\": expected a version no earlier candidate gives churn-002");
  }

  @Test
  void aMissingFileIsOneLineNamingIt(@TempDir Path dir) {
    Path missing = dir.resolve("nope.conf");

    ScenarioProblem problem = catchThrowableOfType(ScenarioProblem.class, () -> ScenarioLoader.load(missing));

    assertThat(problem.getMessage())
        .isEqualTo("scenario file '" + missing + "': does not exist or is not readable")
        .doesNotContain("\n");
  }

  @Test
  void unparsableHoconIsOneLineNamingTheFile(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("broken.conf");
    Files.writeString(broken, "scenario { name = x\n groups = [ \n");

    ScenarioProblem problem = catchThrowableOfType(ScenarioProblem.class, () -> ScenarioLoader.load(broken));

    assertThat(problem.getMessage())
        .startsWith("scenario file '" + broken + "': cannot be parsed: ")
        .contains("broken.conf")
        .doesNotContain("\n");
  }
}
