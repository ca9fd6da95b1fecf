package io.mlopsagent.actors.rollout;

import java.util.List;
import java.util.Objects;

/**
 * The answer of a rollout to one input: its new state, the events to journal, and the actions to
 * perform once they are journaled (in that order, so a crash between the two repeats an action
 * rather than losing it).
 */
public record Transition(Rollout rollout, List<RolloutAction> actions, List<RolloutEvent> events) {

  public Transition {
    Objects.requireNonNull(rollout, "rollout of a transition");
    actions = List.copyOf(actions);
    events = List.copyOf(events);
  }

  /** Only the state moved (a measurement was taken), or nothing did. */
  static Transition quiet(Rollout rollout) {
    return new Transition(rollout, List.of(), List.of());
  }
}
