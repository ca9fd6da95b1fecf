package io.mlopsagent.simulation.agent;

import com.typesafe.config.ConfigFactory;
import io.mlopsagent.actors.agent.Decisions;
import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.agent.ModelAgentPorts;
import io.mlopsagent.actors.agent.ModelAgentSettings;
import io.mlopsagent.actors.agent.ModelState;
import io.mlopsagent.actors.agent.RolloutPermits;
import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.policy.PolicyBook;
import io.mlopsagent.actors.policy.PolicyLoader;
import io.mlopsagent.simulation.fleet.SimulatedFleet;
import io.mlopsagent.simulation.world.SimulatedWorld;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;

/**
 * One real {@link ModelAgent} looking after one model of a simulated world, window by window in
 * observation time, on the in-memory journal with serialization checks on. Tests stage faults and
 * versions in the world, run time forward and read the decisions the agent journaled.
 */
final class AgentHarness implements AutoCloseable {
  static final Instant START = Instant.parse("2026-11-23T09:00:00Z");
  static final Duration STEP = Duration.ofSeconds(10);
  private static final AtomicInteger SYSTEMS = new AtomicInteger();

  final ActorTestKit kit = ActorTestKit.create("harness-" + SYSTEMS.incrementAndGet(),
      EventSourcedBehaviorTestKit.config()
          .withFallback(ConfigFactory.parseString("pekko.actor.serialize-messages = on"))
          .withFallback(ConfigFactory.load()));
  final PersistenceTestKit journal = PersistenceTestKit.create(kit.system());
  final SimulatedWorld world;
  final ModelName model;
  private final RolloutPermits permits = new RolloutPermits();
  private final io.mlopsagent.actors.control.OperatorSwitchBoard switches =
      new io.mlopsagent.actors.control.OperatorSwitchBoard();
  private final ModelAgentPorts ports;
  private ActorRef<ModelAgent.Command> agent;
  private Instant now = START;

  /**
   * @param modelIndex which model of a 8-model fleet (seed 42) to look after
   * @param policyOverrides HOCON appended to the shipped policies
   */
  AgentHarness(int modelIndex, String policyOverrides) {
    this(modelIndex, policyOverrides, new io.mlopsagent.actors.learn.FleetLearning(false, Duration.ZERO));
  }

  /** @param learning what rollout plans learn from (rules only and never put off, by default) */
  AgentHarness(int modelIndex, String policyOverrides, io.mlopsagent.actors.learn.FleetLearning learning) {
    this(modelIndex, policyOverrides, learning, cluster -> cluster);
  }

  /** @param cluster what the agent acts through, made from the world's cluster (a wrapper that delays answers, say) */
  AgentHarness(int modelIndex, String policyOverrides,
      java.util.function.UnaryOperator<io.mlopsagent.actors.ports.ClusterActuator> cluster) {
    this(modelIndex, policyOverrides, new io.mlopsagent.actors.learn.FleetLearning(false, Duration.ZERO), cluster);
  }

  private AgentHarness(int modelIndex, String policyOverrides, io.mlopsagent.actors.learn.FleetLearning learning,
      java.util.function.UnaryOperator<io.mlopsagent.actors.ports.ClusterActuator> cluster) {
    world = new SimulatedWorld(new SimulatedFleet(42, 8), START);
    model = world.fleet().profiles().get(modelIndex).name();
    PolicyBook policies = PolicyLoader.parse(shippedPolicies() + "\n" + policyOverrides);
    ports = new ModelAgentPorts(cluster.apply(world.cluster()), world.registry(), world.retraining(), () -> policies,
        permits).learningFrom(learning).switchedBy(switches);
    spawn();
  }

  /** What operators have paused, as the agent reads it before acting. */
  io.mlopsagent.actors.control.OperatorSwitchBoard switches() {
    return switches;
  }

  /** The fleet-wide rollout permits this agent shares. */
  RolloutPermits permits() {
    return permits;
  }

  Instant now() {
    return now;
  }

  /** Observation time {@code offset} after the start. */
  static Instant at(Duration offset) {
    return START.plus(offset);
  }

  /** Feeds the agent one window every step until {@code until}, each one acknowledged before the next. */
  void runUntil(Instant until) {
    TestProbe<StatusReply<Done>> acks = kit.createTestProbe();
    while (now.isBefore(until)) {
      ModelWindows windows = world.fetch(List.of(model), now).toCompletableFuture().join().get(model);
      if (windows != null) {
        agent.tell(new ModelAgent.Observe(windows, acks.ref()));
        StatusReply<Done> ack = acks.receiveMessage(Duration.ofSeconds(5));
        if (ack.isError()) {
          throw new AssertionError("window at " + now + " refused: " + ack.getError().getMessage());
        }
      }
      now = now.plus(STEP);
    }
  }

  void run(Duration d) {
    runUntil(now.plus(d));
  }

  /** An operator's answer to the rollout in progress. */
  StatusReply<String> resume(io.mlopsagent.actors.rollout.Decision decision) {
    TestProbe<StatusReply<String>> probe = kit.createTestProbe();
    agent.tell(new ModelAgent.Resume(decision, probe.ref()));
    return probe.receiveMessage();
  }

  /** Stops the entity and starts it again from its journal, as a crash and a restart would. */
  void restart() {
    TestProbe<Object> watcher = kit.createTestProbe();
    kit.stop(agent);
    watcher.expectTerminated(agent);
    spawn();
  }

  ModelState state() {
    TestProbe<ModelAgent.Status> probe = kit.createTestProbe();
    agent.tell(new ModelAgent.GetStatus(probe.ref()));
    return probe.receiveMessage().state();
  }

  /** Every decision journaled so far, oldest first. */
  List<Decisions.Decision> decisions() {
    return journal.persistedInStorage(ModelAgent.persistenceId(model).id()).stream()
        .filter(e -> e instanceof Decisions.Decision)
        .map(e -> (Decisions.Decision) e)
        .toList();
  }

  /** Every event of {@code type} journaled so far, oldest first. */
  <T> List<T> journaled(Class<T> type) {
    return journal.persistedInStorage(ModelAgent.persistenceId(model).id()).stream()
        .filter(type::isInstance).map(type::cast).toList();
  }

  List<String> decisionTypes() {
    return decisions().stream().map(Decisions.Decision::type).toList();
  }

  private void spawn() {
    agent = kit.spawn(ModelAgent.create(model,
        new ModelAgentSettings(50, 2, 60, Duration.ofMillis(100), Duration.ofSeconds(1)), ports));
  }

  private static String shippedPolicies() {
    try {
      return Files.readString(Path.of("..", "conf", "policies.conf"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    kit.shutdownTestKit();
  }
}
