package io.mlopsagent.actors.control;

import io.mlopsagent.actors.decide.Plan;
import io.mlopsagent.actors.model.ModelName;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This node's copy of the {@link OperatorSwitches}: read by every model's entity before it acts,
 * written by the subscriber of the operator topic (and at once by the node that made the change).
 */
public final class OperatorSwitchBoard {
  private final AtomicReference<OperatorSwitches> current = new AtomicReference<>(OperatorSwitches.none());

  public OperatorSwitches current() {
    return current.get();
  }

  public void set(OperatorSwitches switches) {
    current.set(switches);
  }

  public boolean blocks(ModelName model, Plan plan) {
    return current.get().blocks(model, plan);
  }
}
