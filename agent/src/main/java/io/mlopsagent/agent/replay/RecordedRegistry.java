package io.mlopsagent.agent.replay;

import io.mlopsagent.actors.agent.Decisions;
import io.mlopsagent.actors.agent.Decisions.Decision;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ModelVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The model registry as far as one model's recording tells of it: the versions the agent rolled
 * out, with the validation accuracies its lookups journaled, and the serving version's. A candidate
 * policy's lookups are answered from it. The registry is part of the world, not of the policy, so
 * every version the recording ever rolled out is offered, whenever the candidate asks; a model whose
 * recording never looked into the registry gives no answer at all (the lookup is not replayable).
 *
 * <p>A version's artifact (size, complexity) is what its rollout's features recorded, so the plan's
 * rules see what they saw. The journal does not keep a version's tags. A version whose validation accuracy was not above
 * the serving one's can only have been chosen by the latency rule, which takes tagged versions
 * only: it is offered with the candidate's optimized tag. A better version is offered untagged.
 */
final class RecordedRegistry {
  private static final String STABLE_ACCURACY = "stableValidationAccuracy";
  private static final String CANDIDATE_ACCURACY = "candidateValidationAccuracy";

  private final ModelName model;
  // Versions rolled out, in recorded order, with their validation accuracy.
  private final Map<String, Double> rolledOut = new LinkedHashMap<>();
  private final Map<String, Boolean> optimizedOnly = new HashMap<>();
  // What the rollouts' features said of each version's artifact, for the plan's rules.
  private final Map<String, double[]> artifacts = new HashMap<>();
  // The serving version's accuracy by name, where a rollout named it; retraining requests do not.
  private final Map<String, Double> servingAccuracy = new HashMap<>();
  private Double unnamedServingAccuracy;

  private RecordedRegistry(ModelName model) {
    this.model = model;
  }

  /** Built from every recorded decision of the model, whatever the replayed time range. */
  static RecordedRegistry of(ModelName model, List<Decision> recorded) {
    RecordedRegistry registry = new RecordedRegistry(model);
    recorded.forEach(registry::learn);
    return registry;
  }

  private void learn(Decision d) {
    Double stable = d.info().inputs().get(STABLE_ACCURACY);
    if (d instanceof Decisions.RolloutStarted started) {
      String from = started.rollout().fromVersion();
      String to = started.rollout().toVersion();
      if (stable != null) {
        servingAccuracy.putIfAbsent(from, stable);
      }
      // Journals from before the latency rule recorded the candidate's accuracy: it validated at least as well.
      Double candidate = d.info().inputs().getOrDefault(CANDIDATE_ACCURACY, stable);
      if (started.features() != null) {
        artifacts.putIfAbsent(to, new double[] {started.features().sizeMb(), started.features().complexity()});
      }
      if (candidate != null && !rolledOut.containsKey(to)) {
        rolledOut.put(to, candidate);
        optimizedOnly.put(to, stable == null || candidate <= stable);
      }
    } else if (d instanceof Decisions.RetrainingRequested && stable != null && unnamedServingAccuracy == null) {
      unnamedServingAccuracy = stable;
    }
  }

  /** Whether the recording looked into the registry for this model at all. */
  boolean known() {
    return !rolledOut.isEmpty() || !servingAccuracy.isEmpty() || unnamedServingAccuracy != null;
  }

  /**
   * What a lookup would have answered while {@code serving} served, or empty when the recording
   * has nothing to go by.
   *
   * @param optimizedTag the tag the candidate's latency rule looks for
   */
  Optional<List<ModelVersion>> versions(String serving, String optimizedTag) {
    if (!known()) {
      return Optional.empty();
    }
    List<ModelVersion> versions = new ArrayList<>();
    Double servingAcc = rolledOut.getOrDefault(serving, servingAccuracy.getOrDefault(serving, unnamedServingAccuracy));
    if (servingAcc != null) {
      versions.add(new ModelVersion(model, serving, servingAcc, Set.of()));
    }
    rolledOut.forEach((version, accuracy) -> {
      if (!version.equals(serving)) {
        Set<String> tags = optimizedOnly.get(version) ? Set.of(optimizedTag) : Set.of();
        double[] artifact = artifacts.getOrDefault(version, new double[] {Double.NaN, Double.NaN});
        versions.add(new ModelVersion(model, version, accuracy, tags).withArtifact(artifact[0], artifact[1]));
      }
    });
    return Optional.of(versions);
  }
}
