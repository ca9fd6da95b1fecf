package io.mlopsagent.agent.cluster;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;

/**
 * Pekko Management's readiness check for {@code /ready} (configured in conf/cluster.conf): ready
 * once this node's daemon has started and the fleet has been polled. Management creates the check
 * by reflection with the actor system, so the daemon registers what "ready" means per system here.
 * {@code /alive} needs no check of its own: it answers while the process and its actor system run.
 */
public final class AgentReadiness implements Supplier<CompletionStage<Boolean>> {
  private static final Map<String, BooleanSupplier> READY = new ConcurrentHashMap<>();

  private final String system;

  public AgentReadiness(ActorSystem system) {
    this.system = system.name() + "@" + System.identityHashCode(system);
  }

  /** What ready means for the daemon on {@code system}. */
  public static void register(org.apache.pekko.actor.typed.ActorSystem<?> system, BooleanSupplier ready) {
    ActorSystem classic = system.classicSystem();
    READY.put(classic.name() + "@" + System.identityHashCode(classic), ready);
    classic.registerOnTermination(() -> READY.remove(classic.name() + "@" + System.identityHashCode(classic)));
  }

  @Override
  public CompletionStage<Boolean> get() {
    BooleanSupplier ready = READY.get(system);
    return CompletableFuture.completedFuture(ready != null && ready.getAsBoolean());
  }
}
