package io.mlopsagent.actors.policy;

import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.persistence.CborSerializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The policies in force: a default and the overrides in file order. Immutable, so the agent can
 * swap a whole new book in when the file changes, or keep the previous one when it is refused.
 * Build it with {@link PolicyLoader}.
 *
 * @param defaultPolicy what a model gets when no override matches it
 * @param overrides tried in order; the first that matches wins
 * @param learner when the fleet's learner retrains; {@link LearnerPolicy#UNSET} when the file has
 *     no {@code learner} section
 */
public record PolicyBook(Policy defaultPolicy, List<PolicyOverride> overrides, LearnerPolicy learner)
    implements CborSerializable {

  public PolicyBook {
    Objects.requireNonNull(defaultPolicy, "defaultPolicy");
    overrides = List.copyOf(overrides);
    // A book serialized before the learner section existed has none: the configuration decides.
    learner = learner == null ? LearnerPolicy.UNSET : learner;
  }

  /** A book without learner settings. */
  public PolicyBook(Policy defaultPolicy, List<PolicyOverride> overrides) {
    this(defaultPolicy, overrides, LearnerPolicy.UNSET);
  }

  /**
   * The policy of a model: the first override whose match accepts the model's name and labels, or
   * the default. The result's {@link Policy#name()} says which one it was.
   *
   * @param labels the labels of the model's workload
   */
  public Policy resolve(ModelName model, Map<String, String> labels) {
    for (PolicyOverride override : overrides) {
      if (override.match().matches(model, labels)) {
        return override.policy();
      }
    }
    return defaultPolicy;
  }
}
