package io.mlopsagent.agent.cluster;

import io.mlopsagent.agent.metrics.JournalHealth;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Pekko Management's readiness check for {@code /ready} (configured in conf/cluster.conf): ready
 * while this node can serve, that is its daemon has started (the admin endpoint is bound), it is
 * an Up member of the cluster (a single node joins itself), and its journal answers. It does not
 * wait for a poll on this node: pollers are a sharded daemon process with fewer slices than there
 * may be pods (a rolling update's surge pod, a scale-out), and a node without a slice, never
 * polling, must still become ready or the rollout never ends.
 *
 * <p>Management creates the check by reflection with the actor system, so the daemon registers
 * what "ready" means per system here. {@code /alive} needs no check of its own: it answers while
 * the process and its actor system run.
 */
public final class AgentReadiness implements Supplier<CompletionStage<Boolean>> {
  private static final Map<String, BooleanSupplier> READY = new ConcurrentHashMap<>();

  private final String system;

  public AgentReadiness(ActorSystem system) {
    this.system = system.name() + "@" + System.identityHashCode(system);
  }

  /**
   * Registers the daemon on {@code system} as started: from now on it is ready while it is an Up
   * member and {@code journal} answers.
   */
  public static void registerStarted(org.apache.pekko.actor.typed.ActorSystem<?> system, JournalHealth journal) {
    Cluster cluster = Cluster.get(system);
    // Management's own cluster-membership check also passes WeaklyUp; a WeaklyUp node gets no
    // shards yet, so Up is asked here, which holds without that check too.
    register(system, () -> cluster.selfMember().status() == MemberStatus.up() && journal.problem().isEmpty());
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
