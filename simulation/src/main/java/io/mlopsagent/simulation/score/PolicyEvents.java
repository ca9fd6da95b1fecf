package io.mlopsagent.simulation.score;

import io.mlopsagent.actors.model.ModelName;
import java.time.Instant;

/**
 * What a policy tells the scorekeeper about itself, in observation time: when it noticed trouble,
 * when it adapted a model, and when it stopped for a person. Everything else (what users saw, what
 * the cluster did) the scorekeeper reads from the world itself.
 */
public interface PolicyEvents {
  /** The policy noticed something wrong with the model (or acted on it, which implies noticing). */
  void detected(Instant at, ModelName model);

  /** The policy changed the model: one of {@link Adaptations}. */
  void adapted(Instant at, ModelName model, String type);

  /** The policy stopped and waits for a person (a paused rollout, an inconclusive verdict). */
  void needsPerson(Instant at, ModelName model, String why);

  /** The policy planned a rollout with what it learned from earlier ones (the agent's learner). */
  default void plannedByLearner(Instant at, ModelName model) {}

  /**
   * A figure only the policy's runner can measure (the agent's journal across a crash, say),
   * reported as a KPI of this name; measured again, it adds up.
   */
  default void measured(String kpi, double value) {}
}
