package io.mlopsagent.actors.agent;

import io.mlopsagent.actors.model.ModelName;
import java.util.HashSet;
import java.util.Set;

/**
 * The fleet-wide cap on rollouts in progress ({@code safety.max-concurrent-rollouts}): a model
 * holds a permit from the moment its rollout starts until it is promoted or aborted. One per
 * node for now; with several nodes the permits move to a cluster singleton.
 */
public final class RolloutPermits {
  private final Set<ModelName> holders = new HashSet<>();

  /** Takes a permit for {@code model} unless {@code max} are taken; a holder keeps its own. */
  public synchronized boolean tryAcquire(ModelName model, int max) {
    if (holders.contains(model)) {
      return true;
    }
    if (holders.size() >= max) {
      return false;
    }
    holders.add(model);
    return true;
  }

  /** A model recovered with a rollout in progress holds a permit whatever the cap says now. */
  public synchronized void hold(ModelName model) {
    holders.add(model);
  }

  public synchronized void release(ModelName model) {
    holders.remove(model);
  }

  public synchronized int inUse() {
    return holders.size();
  }
}
