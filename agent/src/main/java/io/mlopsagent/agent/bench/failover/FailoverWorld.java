package io.mlopsagent.agent.bench.failover;

import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ModelVersion;
import io.mlopsagent.actors.ports.Workload;
import io.mlopsagent.simulation.fleet.ModelProfile;
import io.mlopsagent.simulation.fleet.SimulatedFleet;
import io.mlopsagent.simulation.fleet.VersionQuality;
import io.mlopsagent.simulation.world.SimulatedCluster;
import io.mlopsagent.simulation.world.SimulatedWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The world of {@code bench failover}: a simulated fleet in wall-clock time, each model with a
 * better version waiting in the registry (so every healthy model is rolled out at its first
 * upgrade check), new pods ready a few seconds after they are deployed. It counts what the
 * cluster saw.
 */
public final class FailoverWorld {
  static final String NEW_VERSION = "v2";
  /** Long enough that a kill lands in the middle of rollouts. */
  private static final Duration READY_AFTER = Duration.ofSeconds(4);

  private final SimulatedWorld world;

  private FailoverWorld(SimulatedWorld world) {
    this.world = world;
  }

  /** A world whose better versions are in the registry from the start. */
  public static FailoverWorld create(int models) {
    FailoverWorld w = unreleased(models);
    w.release(Instant.EPOCH);
    return w;
  }

  /** A world whose better versions appear only at {@link #release}. */
  public static FailoverWorld unreleased(int models) {
    SimulatedWorld world = new SimulatedWorld(new SimulatedFleet(7, models), Instant.now());
    world.cluster().groundTruth((model, version, at, cores) -> Optional.of(at.plus(READY_AFTER)),
        SimulatedCluster.ApiFaults.NONE);
    return new FailoverWorld(world);
  }

  /** Registers each model's better version, visible from {@code at}: the models' next upgrade check rolls it out. */
  public void release(Instant at) {
    for (ModelProfile p : world.fleet().profiles()) {
      double better = Math.min(0.99, p.baseAccuracy() + 0.02);
      world.registry().register(new ModelVersion(p.name(), NEW_VERSION, better, Set.of()),
          new VersionQuality(better, 1.0, p.baseErrorRate(), p.baseErrorRate()), at);
    }
  }

  public SimulatedWorld world() {
    return world;
  }

  public List<ModelName> models() {
    return world.fleet().names();
  }

  /** Models with a new version deployed beside the stable one now. */
  public int rolloutsInProgress() {
    return (int) models().stream().map(m -> world.cluster().current(m)).filter(Optional::isPresent)
        .filter(w -> w.get().hasCandidate()).count();
  }

  /** Models whose rollout started and has not ended (a candidate still deployed). */
  public int rolloutsUnfinished() {
    return rolloutsInProgress();
  }

  /** Models whose rollout has ended: promoted, or the candidate removed. */
  public int rolloutsEnded() {
    Set<ModelName> removed = new HashSet<>();
    for (SimulatedCluster.AppliedAction a : world.cluster().appliedActions()) {
      if (a.what().equals("remove candidate")) {
        removed.add(a.model());
      }
    }
    int ended = 0;
    for (ModelName m : models()) {
      Workload w = world.cluster().current(m).orElse(null);
      if (w != null && !w.hasCandidate() && (NEW_VERSION.equals(w.stableVersion()) || removed.contains(m))) {
        ended++;
      }
    }
    return ended;
  }

  public int promoted() {
    return (int) models().stream().map(m -> world.cluster().current(m)).filter(Optional::isPresent)
        .filter(w -> NEW_VERSION.equals(w.get().stableVersion())).count();
  }

  /**
   * Changes applied twice to one model under different action ids: a version deployed, promoted
   * or set as stable again. The cluster applies each id once, so only a decision taken twice (an
   * entity that forgot it had decided) can do this.
   */
  public int duplicateActions() {
    Set<String> seen = new HashSet<>();
    int duplicates = 0;
    for (SimulatedCluster.AppliedAction a : world.cluster().appliedActions()) {
      boolean once = a.what().startsWith("deploy candidate") || a.what().equals("promote candidate")
          || a.what().startsWith("serve ");
      String key = a.model().value() + "|" + (a.what().startsWith("deploy candidate")
          ? "deploy " + a.what().split(" ")[2] : a.what());
      if (once && !seen.add(key)) {
        duplicates++;
      }
    }
    return duplicates;
  }

  /** Action ids asked again after they were applied: a retry or a restart re-asserting, applied once. */
  public int repeatedRequests() {
    return world.cluster().duplicateRequests();
  }
}
