package io.mlopsagent.actors.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PolicyValidationTest {

  /** The problems of the shipped file with {@code hocon} after it; fails when it loads. */
  private static PolicyProblem refused(String hocon) {
    return catchThrowableOfType(PolicyProblem.class, () -> ShippedPolicies.with(hocon));
  }

  @Test
  void unknownKeyIsRefusedWithTheKeysAllowedThere() {
    PolicyProblem problem = refused("policies.default.rollout.canary-stpes = [10, 100]");

    assertThat(problem.problems()).containsExactly(
        "policies.default.rollout.canary-stpes = [10, 100]: unknown key: expected one of strategy, canary-steps,"
            + " measurements-per-step, rollback-window, optimized-tag, upgrade-check-interval, traffic-split,"
            + " progress-deadline, rolling");
  }

  @Test
  void unknownKeysAreRefusedAtEveryLevel() {
    PolicyProblem problem = refused("""
        policies.defaults = {}
        policies.default.mod = act
        policies.overrides = [ { name = x, match { model = "a*", lables.team = risk }, rollot.strategy = canary } ]
        """);

    assertThat(problem.problems()).containsExactlyInAnyOrder(
        "policies.defaults = {}: unknown key: expected one of default, overrides, learner",
        "policies.default.mod = \"act\": unknown key: expected one of mode, detection, scaling, rollout, analysis, safety",
        "policies.overrides[0].match.lables = {\"team\":\"risk\"}: unknown key: expected one of model, labels",
        "policies.overrides[0].rollot = {\"strategy\":\"canary\"}: unknown key: expected one of name, match, mode,"
            + " detection, scaling, rollout, analysis, safety");
  }

  @Test
  void wrongTypeIsRefusedWithTheTypeExpected() {
    PolicyProblem problem = refused("""
        policies.default.detection.warmup-windows = lots
        policies.default.detection.seasonal = sometimes
        policies.default.detection = { thresholds.consecutive-windows = 2.5 }
        policies.default.safety.cooldown = 15
        policies.default.scaling = replicas
        """);

    assertThat(problem.problems()).containsExactlyInAnyOrder(
        "policies.default.detection.warmup-windows = \"lots\": expected an integer from 1 to 1000000",
        "policies.default.detection.seasonal = \"sometimes\": expected true or false",
        "policies.default.detection.thresholds.consecutive-windows = 2.5: expected an integer from 1 to 10000",
        "policies.default.safety.cooldown = 15: expected a duration of 0 or more with a unit (ms, s, m, h, d), such as 15m",
        "policies.default.scaling = \"replicas\": expected an object");
  }

  @Test
  void outOfRangeNumbersAreRefusedWithTheRange() {
    PolicyProblem problem = refused("""
        policies.default.detection.thresholds.accuracy-drop = 1.5
        policies.default.scaling.max-replicas = 0
        policies.default.analysis.max-latency-vs-stable = 0.2
        policies.default.rollout.rollback-window = 0s
        """);

    assertThat(problem.problems()).containsExactlyInAnyOrder(
        "policies.default.detection.thresholds.accuracy-drop = 1.5: expected a fraction above 0, at most 1",
        "policies.default.scaling.max-replicas = 0: expected an integer from 1 to 10000",
        "policies.default.analysis.max-latency-vs-stable = 0.2: expected a factor from 1 to 100"
            + " (1.2 lets the new version be 20% slower than the stable one)",
        "policies.default.rollout.rollback-window = \"0s\": expected a positive duration with a unit (ms, s, m, h, d),"
            + " such as 6h");
  }

  @Test
  void unknownEnumWordIsRefusedListingTheAllowedWords() {
    PolicyProblem problem = refused("""
        policies.default.mode = acts
        policies.default.rollout.strategy = bluegreen
        policies.default.scaling.resource = memory
        """);

    assertThat(problem.problems()).containsExactlyInAnyOrder(
        "policies.default.mode = \"acts\": expected one of act, recommend, observe",
        "policies.default.rollout.strategy = \"bluegreen\": expected one of canary, blue-green, rolling",
        "policies.default.scaling.resource = \"memory\": expected one of replicas, cpu, both");
  }

  @Test
  void minAboveMaxIsRefusedNamingBoth() {
    PolicyProblem problem = refused("""
        policies.default.scaling { min-replicas = 30, max-replicas = 20, min-cpu = 4, max-cpu = 2 }
        policies.default.detection.thresholds { cpu-low = 0.9, cpu-high = 0.8 }
        """);

    assertThat(problem.problems()).containsExactlyInAnyOrder(
        "policies.default.scaling.min-replicas = 30: expected at most scaling.max-replicas (20)",
        "policies.default.scaling.min-cpu = 4: expected at most scaling.max-cpu (2.0)",
        "policies.default.detection.thresholds.cpu-low = 0.9: expected less than detection.thresholds.cpu-high (0.8)");
  }

  @Test
  void canaryStepsThatDoNotClimbTo100AreRefused() {
    PolicyProblem problem = refused("""
        policies.overrides = [
          { name = a, match.model = "a-*", rollout.canary-steps = [10, 25, 50] }
          { name = b, match.model = "b-*", rollout.canary-steps = [10, 5, 100] }
          { name = c, match.model = "c-*", rollout.canary-steps = [] }
          { name = d, match.model = "d-*", rollout.canary-steps = [0, 100] }
          { name = e, match.model = "e-*", rollout.canary-steps = 100 }
        ]
        """);

    String rule = ": steps must increase strictly from 1 to 100, ending at 100";
    assertThat(problem.problems()).containsExactly(
        "policies.overrides[0].rollout.canary-steps = [10, 25, 50]" + rule,
        "policies.overrides[1].rollout.canary-steps = [10, 5, 100]" + rule,
        "policies.overrides[2].rollout.canary-steps = []" + rule,
        "policies.overrides[3].rollout.canary-steps = [0, 100]" + rule,
        "policies.overrides[4].rollout.canary-steps = 100: expected a list of whole percentages, such as [10, 25, 50, 100]");
  }

  @Test
  void badGlobIsRefusedWithTheGlobSyntax() {
    PolicyProblem problem = refused("policies.overrides = [ { name = x, match.model = \"fraud-[0-9]\", mode = observe } ]");

    assertThat(problem.problems()).containsExactly(
        "policies.overrides[0].match.model = \"fraud-[0-9]\": expected a glob of letters, digits, '-', '_' and '.',"
            + " with * for any run of characters and ? for one");
  }

  @Test
  void overrideNamesMatchesAndFleetWideKeysAreChecked() {
    PolicyProblem problem = refused("""
        policies.overrides = [
          { name = default, match.model = "a-*" }
          { name = twin, match.model = "b-*" }
          { name = twin, match.model = "c-*" }
          { name = everything, match {} }
          { match.labels { "mlops.ai/tier" = "no spaces" } }
          { name = greedy, match.model = "d-*", safety.max-concurrent-rollouts = 50 }
          5
        ]
        """);

    assertThat(problem.problems()).containsExactly(
        "policies.overrides[0].name = \"default\": expected a name of 1-63 characters, letters and digits at both ends,"
            + " '-', '_' or '.' inside, other than 'default'",
        "policies.overrides[2].name = \"twin\": expected a name no earlier override uses",
        "policies.overrides[3].match = {}: expected model, labels or both: an override matching every model would hide"
            + " all later ones",
        "policies.overrides[4].name = (missing): expected a name of 1-63 characters, letters and digits at both ends,"
            + " '-', '_' or '.' inside, other than 'default'",
        "policies.overrides[4].match.labels.\"mlops.ai/tier\" = \"no spaces\": expected a Kubernetes label value: empty,"
            + " or 1-63 characters, letters and digits at both ends, '-', '_' or '.' inside (quote a key holding '.' or"
            + " '/': \"mlops.ai/tier\" = gold)",
        "policies.overrides[5].safety.max-concurrent-rollouts = 50: a fleet-wide limit, set it in policies.default only",
        "policies.overrides[6] = 5: expected an object with name, match and the keys it changes");
  }

  @Test
  void severalProblemsAreReportedTogetherInOneMessage() {
    PolicyProblem problem = refused("""
        policies.default.mode = acts
        policies.default.scaling.factor = 1
        policies.overrides = [ { name = x, match.model = "x-*", analysis.failure-limit = -1 } ]
        """);

    assertThat(problem.problems()).hasSize(3);
    assertThat(problem.getMessage()).startsWith("policies refused, 3 problems:\n")
        .contains("  policies.default.mode = \"acts\"")
        .contains("  policies.default.scaling.factor = 1: expected a factor above 1, at most 10")
        .contains("  policies.overrides[0].analysis.failure-limit = -1: expected an integer from 0 to 1000");
  }

  @Test
  void fileWithOneBadOverrideIsRefusedWhole() {
    String good = "{ name = fine, match.model = \"fine-*\", mode = observe }";
    String bad = "{ name = broken, match.model = \"broken-*\", scaling.max-replicas = -3 }";

    PolicyProblem problem = refused("policies.overrides = [ " + good + ", " + bad + " ]");

    assertThat(problem.problems()).containsExactly(
        "policies.overrides[1].scaling.max-replicas = -3: expected an integer from 1 to 10000");
    assertThat(ShippedPolicies.with("policies.overrides = [ " + good + " ]").overrides()).hasSize(1);
  }

  @Test
  void defaultValueBrokenUnderAnOverrideIsReportedOnceAtTheDefault() {
    PolicyProblem problem = refused("""
        policies.default.safety.cooldown = soon
        policies.overrides = [ { name = x, match.model = "x-*", mode = observe } ]
        """);

    assertThat(problem.problems()).containsExactly(
        "policies.default.safety.cooldown = \"soon\": expected a duration of 0 or more with a unit (ms, s, m, h, d),"
            + " such as 15m");
  }

  @Test
  void overrideCrossingTheDefaultIsRefusedAtTheOverride() {
    PolicyProblem problem = refused("""
        policies.overrides = [ { name = x, match.model = "x-*", scaling.min-replicas = 25, analysis.failure-limit = 3 } ]
        """);

    assertThat(problem.problems()).containsExactly(
        "policies.overrides[0].scaling.min-replicas = 25: expected at most scaling.max-replicas (20)",
        "policies.overrides[0].analysis.failure-limit = 3: expected fewer than rollout.measurements-per-step (3),"
            + " or no step could ever fail");
  }

  @Test
  void missingPoliciesAndMissingDefaultKeysAreRefused() {
    assertThat(catchThrowableOfType(PolicyProblem.class, () -> PolicyLoader.load(ConfigFactory.empty())).problems())
        .containsExactly("policies = (missing): expected an object");
    PolicyProblem problem = catchThrowableOfType(PolicyProblem.class,
        () -> PolicyLoader.parse("policies.default { mode = act, detection {}, scaling {}, rollout {}, analysis {} }"));
    assertThat(problem.problems())
        .contains("policies.default.detection.half-life = (missing): expected a positive duration with a unit"
            + " (ms, s, m, h, d), such as 6h")
        .contains("policies.default.safety = (missing): expected an object")
        .contains("policies.default.detection.thresholds = (missing): expected an object")
        .contains("policies.default.rollout.rolling = (missing): expected an object")
        .noneMatch(p -> p.startsWith("policies.default.detection.thresholds."))
        .hasSize(30);
  }

  @Test
  void unparsableTextIsRefused() {
    PolicyProblem problem = catchThrowableOfType(PolicyProblem.class, () -> PolicyLoader.parse("policies { default {"));

    assertThat(problem.problems()).singleElement().asString().startsWith("policies: cannot be parsed: ");
  }

  @Test
  void theFleetWideLearnerSectionIsOptionalAndEachOfItsKeysToo() {
    assertThat(ShippedPolicies.with("").learner()).as("no section: the configuration decides")
        .isEqualTo(LearnerPolicy.UNSET);
    assertThat(ShippedPolicies.with("policies.learner { retrain-every-outcomes = 40, retrain-every = 2h }").learner())
        .isEqualTo(new LearnerPolicy(40, Duration.ofHours(2)));
    LearnerPolicy onlyT = ShippedPolicies.with("policies.learner.retrain-every = 90m").learner();
    assertThat(onlyT).isEqualTo(new LearnerPolicy(null, Duration.ofMinutes(90)));
    assertThat(onlyT.retrainEveryOutcomesOr(25)).isEqualTo(25);
    assertThat(onlyT.retrainEveryOr(Duration.ofHours(6))).isEqualTo(Duration.ofMinutes(90));
    assertThat(ShippedPolicies.with("policies.learner {}").learner()).isEqualTo(LearnerPolicy.UNSET);
  }

  @Test
  void badLearnerValuesAreRefusedWithWhatIsAllowed() {
    String count = ": expected an integer from 1 to 1000000";
    String duration = ": expected a positive duration with a unit (ms, s, m, h, d), such as 6h";
    for (String[] bad : new String[][] {
        {"retrain-every-outcomes = 0", "policies.learner.retrain-every-outcomes = 0" + count},
        {"retrain-every-outcomes = -5", "policies.learner.retrain-every-outcomes = -5" + count},
        {"retrain-every-outcomes = 2.5", "policies.learner.retrain-every-outcomes = 2.5" + count},
        {"retrain-every-outcomes = 1000001", "policies.learner.retrain-every-outcomes = 1000001" + count},
        {"retrain-every-outcomes = lots", "policies.learner.retrain-every-outcomes = \"lots\"" + count},
        {"retrain-every-outcomes = null", "policies.learner.retrain-every-outcomes = null" + count},
        {"retrain-every = 6", "policies.learner.retrain-every = 6" + duration},
        {"retrain-every = 0s", "policies.learner.retrain-every = \"0s\"" + duration},
        {"retrain-every = -1h", "policies.learner.retrain-every = \"-1h\"" + duration},
        {"retrain-every = soon", "policies.learner.retrain-every = \"soon\"" + duration}}) {
      assertThat(refused("policies.learner { " + bad[0] + " }").problems()).as(bad[0]).containsExactly(bad[1]);
    }
  }

  @Test
  void theLearnerSectionRefusesUnknownKeysAndIsNoPolicysKey() {
    PolicyProblem problem = refused("""
        policies.learner { retrain-every-outcome = 25, retrain-every = 6h }
        policies.default.learner.retrain-every = 1h
        policies.overrides = [ { name = x, match.model = "x-*", learner.retrain-every-outcomes = 5 } ]
        """);

    String fleetWide = ": the learner's settings are fleet-wide, set them in policies.learner, not in a policy";
    assertThat(problem.problems()).containsExactlyInAnyOrder(
        "policies.learner.retrain-every-outcome = 25: unknown key: expected one of retrain-every-outcomes,"
            + " retrain-every",
        "policies.default.learner = {\"retrain-every\":\"1h\"}" + fleetWide,
        "policies.overrides[0].learner = {\"retrain-every-outcomes\":5}" + fleetWide);
    assertThat(refused("policies.learner = 25").problems())
        .containsExactly("policies.learner = 25: expected an object");
  }
}
