package io.mlopsagent.agent.cluster;

import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.poll.FleetPoller;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.IntFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;

/**
 * The fleet's pollers as a sharded daemon process: {@code slices} pollers spread over the cluster's
 * nodes, each polling the models its slice owns, moved to another node when theirs leaves. Seen
 * together through the receptionist, where every poller registers.
 */
public final class PollerFleet {
  private final ActorSystem<?> system;
  private final int slices;
  private final Duration timeout;

  private PollerFleet(ActorSystem<?> system, int slices, Duration timeout) {
    this.system = system;
    this.slices = slices;
    this.timeout = timeout;
  }

  /**
   * Starts (this node's share of) the pollers.
   *
   * @param poller the behaviour of slice {@code i} of {@code slices}
   */
  public static PollerFleet start(ActorSystem<?> system, int slices, IntFunction<Behavior<FleetPoller.Command>> poller,
      Duration timeout) {
    // A stopped poller (its node leaving) lets the poll in flight finish and records its checkpoint.
    ShardedDaemonProcess.get(system).init(FleetPoller.Command.class, "fleet-poller", slices, poller,
        ShardedDaemonProcessSettings.create(system), java.util.Optional.of(new FleetPoller.Stop(system.ignoreRef())));
    return new PollerFleet(system, slices, timeout);
  }

  public int slices() {
    return slices;
  }

  /** The pollers registered now, anywhere in the cluster. */
  public CompletionStage<Set<ActorRef<FleetPoller.Command>>> pollers() {
    return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
            replyTo -> Receptionist.find(FleetPoller.SERVICE_KEY, replyTo), timeout, system.scheduler())
        .thenApply(listing -> listing.getServiceInstances(FleetPoller.SERVICE_KEY));
  }

  /**
   * The whole fleet: every slice's models, the polls since the youngest poller started (0 until
   * every slice has polled once, so readiness waits for the whole fleet), the oldest last poll.
   */
  public CompletionStage<FleetPoller.Fleet> fleet() {
    return pollers().thenComposeAsync(refs -> {
      List<CompletableFuture<FleetPoller.Fleet>> asks = new ArrayList<>();
      for (ActorRef<FleetPoller.Command> ref : refs) {
        asks.add(AskPattern.<FleetPoller.Command, FleetPoller.Fleet>ask(ref, FleetPoller.GetFleet::new, timeout,
            system.scheduler()).toCompletableFuture());
      }
      return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenApply(done -> {
        Set<ModelName> models = new TreeSet<>(Comparator.comparing(ModelName::value));
        long polls = refs.size() < slices ? 0 : Long.MAX_VALUE;
        Instant last = null;
        for (CompletableFuture<FleetPoller.Fleet> f : asks) {
          FleetPoller.Fleet one = f.join();
          models.addAll(one.models());
          polls = Math.min(polls, one.pollsSinceStart());
          if (one.lastPolledAt() != null && (last == null || one.lastPolledAt().isBefore(last))) {
            last = one.lastPolledAt();
          }
        }
        return new FleetPoller.Fleet(List.copyOf(models), asks.isEmpty() ? 0 : polls, last);
      });
    }, system.executionContext());
  }

  /** Stops this node's pollers, each after its poll in flight; the others keep polling. */
  public CompletionStage<Void> stopLocal() {
    return pollers().thenComposeAsync(refs -> {
      List<CompletableFuture<?>> stops = new ArrayList<>();
      for (ActorRef<FleetPoller.Command> ref : refs) {
        if (ref.path().address().hasLocalScope()) {
          stops.add(AskPattern.<FleetPoller.Command, org.apache.pekko.Done>ask(ref, FleetPoller.Stop::new, timeout,
              system.scheduler()).toCompletableFuture().exceptionally(e -> null));
        }
      }
      return CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new));
    }, system.executionContext());
  }
}
