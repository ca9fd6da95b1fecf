package io.mlopsagent.agent.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.actors.agent.Decisions;
import io.mlopsagent.actors.agent.Decisions.Decision;
import io.mlopsagent.actors.agent.Decisions.DecisionInfo;
import io.mlopsagent.actors.decide.PolicyTranslation;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.policy.PolicyLoader;
import io.mlopsagent.actors.policy.PolicyMode;
import io.mlopsagent.actors.ports.ModelVersion;
import io.mlopsagent.actors.rollout.Rollout;
import io.mlopsagent.actors.rollout.RolloutSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The registry as the recording tells of it, for the candidate's lookups. */
class ReplayRegistryTest {
  private static final ModelName MODEL = ModelName.of("recommender-7");
  private static final Instant AT = Instant.parse("2026-11-23T08:00:00Z");

  @Test
  void aModelWhoseRecordingNeverLookedHasNoAnswer() {
    RecordedRegistry registry = RecordedRegistry.of(MODEL, List.of());

    assertThat(registry.versions("v1", "optimized")).isEmpty();
  }

  @Test
  void offersTheRolledOutVersionsTaggingThoseOnlyTheLatencyRuleCouldChoose() throws Exception {
    RecordedRegistry registry = RecordedRegistry.of(MODEL, List.of(
        started("v1", "v2", 0.90, 0.93),
        started("v1", "v1-fast", 0.90, 0.90)));

    List<ModelVersion> versions = registry.versions("v1", "fast").orElseThrow();

    assertThat(versions).containsExactlyInAnyOrder(
        new ModelVersion(MODEL, "v1", 0.90, Set.of()),
        new ModelVersion(MODEL, "v2", 0.93, Set.of()),
        new ModelVersion(MODEL, "v1-fast", 0.90, Set.of("fast")));
  }

  @Test
  void aRetrainingRequestTellsTheServingVersionsAccuracy() {
    Decision retrain = new Decisions.RetrainingRequested(
        new DecisionInfo(AT, "nothing better", Map.of("stableValidationAccuracy", 0.88), "default", PolicyMode.ACT));

    assertThat(RecordedRegistry.of(MODEL, List.of(retrain)).versions("v1", "optimized")).get()
        .isEqualTo(List.of(new ModelVersion(MODEL, "v1", 0.88, Set.of())));
  }

  private static Decision started(String from, String to, double stable, double candidate) throws Exception {
    RolloutSpec spec = PolicyTranslation.rolloutSpec(PolicyLoader.parse(
        Files.readString(Path.of("..", "conf", "policies.conf"))).defaultPolicy());
    Rollout rollout = Rollout.start(MODEL + "-r1", from, to, spec, AT).rollout();
    return new Decisions.RolloutStarted(new DecisionInfo(AT, "why", Map.of("stableValidationAccuracy", stable,
        "candidateValidationAccuracy", candidate), "default", PolicyMode.ACT), rollout);
  }
}
