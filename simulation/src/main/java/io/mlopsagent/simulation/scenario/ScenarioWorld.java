package io.mlopsagent.simulation.scenario;

import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ModelVersion;
import io.mlopsagent.simulation.fleet.ModelProfile;
import io.mlopsagent.simulation.fleet.SimulatedFleet;
import io.mlopsagent.simulation.fleet.VersionQuality;
import io.mlopsagent.simulation.world.Fault;
import io.mlopsagent.simulation.world.SimulatedCluster;
import io.mlopsagent.simulation.world.SimulatedRegistry;
import io.mlopsagent.simulation.world.SimulatedWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Builds the world a scenario describes: a fresh one for every policy, equal draw for draw, so the
 * policies compared in one run meet the same models, noise, versions and faults.
 */
public final class ScenarioWorld {
  /** How much better than the serving version a bad candidate looks in validation. */
  static final double BAD_CANDIDATE_LURE = 0.03;

  private ScenarioWorld() {}

  public static SimulatedWorld build(Scenario s) {
    List<ModelProfile> profiles = profiles(s);
    SimulatedFleet fleet = new SimulatedFleet(s.seed(), profiles);
    SimulatedWorld world = new SimulatedWorld(fleet, s.start());
    world.cluster().groundTruth(deployments(s, fleet), apiFaults(s, world));
    world.registry().outages((model, at) -> world.faults().stream().anyMatch(
        f -> f.kind() == FaultKind.REGISTRY_OUTAGE && f.model().equals(model) && f.activeAt(at)));
    registerCandidates(s, world);
    addFaults(s, world);
    return world;
  }

  /** The fleet's models, drawn group by group from the scenario's seed. */
  public static List<ModelProfile> profiles(Scenario s) {
    List<String> names = FleetNames.modelNames(s);
    List<ModelProfile> profiles = new ArrayList<>(s.models());
    for (int g = 0; g < s.groups().size(); g++) {
      ModelGroup group = s.groups().get(g);
      for (int i = 0; i < group.count(); i++) {
        SplittableRandom rnd = new SplittableRandom(mix(s.seed(), g + 1, i + 1));
        profiles.add(profile(group, ModelName.of(names.get(profiles.size())), rnd));
      }
    }
    return profiles;
  }

  private static ModelProfile profile(ModelGroup g, ModelName name, SplittableRandom rnd) {
    ModelGroup.Traffic t = g.traffic();
    ModelGroup.Resources r = g.resources();
    double peakRps = t.peakRps().draw(rnd);
    int replicas = r.minReplicas() + rnd.nextInt(r.maxReplicas() - r.minReplicas() + 1);
    double peakUtilisation = r.peakUtilisation().draw(rnd);
    return new ModelProfile(
        name,
        g.accuracy().draw(rnd),
        g.latencyP95Seconds().draw(rnd),
        g.errorRate().draw(rnd),
        peakRps,
        t.timezoneSpread() ? Duration.ofMinutes(rnd.nextInt(24 * 60)) : Duration.ZERO,
        replicas,
        r.cpuCores(),
        peakRps / (replicas * peakUtilisation),
        t.noise().draw(rnd),
        g.sizeMb().draw(rnd),
        g.complexity().draw(rnd),
        t.troughShare(),
        t.weekendFactor());
  }

  /** The cluster's truth: how long a candidate takes to be ready, and whether it ever is. */
  private static SimulatedCluster.DeploymentTruth deployments(Scenario s, SimulatedFleet fleet) {
    ClusterTruth c = s.cluster();
    return (model, version, at, cores) -> {
      ModelProfile p = fleet.profile(model);
      SplittableRandom rnd = new SplittableRandom(mix(s.seed(), model.hashCode() ^ version.hashCode(), at.getEpochSecond()));
      double load = fleetLoad(fleet, at);
      double failure = c.failureBase() + c.failurePerHundredMb() * p.sizeMb() / 100 + c.failureLoadFactor() * load;
      if (rnd.nextDouble() < failure) {
        return Optional.empty();
      }
      double loading = (c.perHundredMb().toMillis() * p.sizeMb() / 100 + c.perComplexity().toMillis() * p.complexity())
          / Math.pow(Math.max(cores, 0.05), c.cpuExponent());
      double seconds = (c.base().toMillis() + loading) / 1000.0
          * (1 + c.loadFactor() * load) * Math.exp(c.noise() * rnd.nextGaussian());
      return Optional.of(at.plusMillis(Math.round(seconds * 1000)));
    };
  }

  /** The fleet's traffic as a share of its peak: what makes deployments at busy hours slow. */
  public static double fleetLoad(SimulatedFleet fleet, Instant at) {
    return fleet.profiles().stream().mapToDouble(p -> SimulatedFleet.trafficShare(p, at)).average().orElse(0);
  }

  private static SimulatedCluster.ApiFaults apiFaults(Scenario s, SimulatedWorld world) {
    return (model, call, at) -> {
      for (Fault f : world.faults()) {
        if (f.kind() == FaultKind.KUBERNETES_API_ERRORS && f.model().equals(model) && f.activeAt(at)) {
          double draw = new SplittableRandom(mix(s.seed(), model.hashCode() ^ call.hashCode(), at.getEpochSecond()))
              .nextDouble();
          if (draw < f.magnitude()) {
            return true;
          }
        }
      }
      return false;
    };
  }

  private static void registerCandidates(Scenario s, SimulatedWorld world) {
    SimulatedRegistry registry = world.registry();
    for (CandidateSpec c : s.candidates()) {
      for (String name : FleetNames.select(s, c.target())) {
        ModelProfile p = world.fleet().profile(ModelName.of(name));
        for (int release = 1; release <= c.releases(); release++) {
          String version = c.versionOf(release);
          Instant at = s.start().plus(c.appearsAfter()).plus(c.every().multipliedBy(release - 1))
              .plusMillis(jitter(s, name, version, c.spread()));
          double errorRate = Double.isNaN(c.errorRate()) ? p.baseErrorRate() : c.errorRate();
          double atFull = Double.isNaN(c.errorRateAtFullTraffic()) ? errorRate : c.errorRateAtFullTraffic();
          registry.register(
              new ModelVersion(p.name(), version, clamp(p.baseAccuracy() + release * c.validationAccuracyDelta()),
                  c.tags()),
              new VersionQuality(clamp(p.baseAccuracy() + release * c.accuracyDelta()), c.latencyFactor(), errorRate,
                  atFull), at);
        }
      }
    }
  }

  /** How much later than the others a model gets a release, up to {@code spread}; seeded. */
  private static long jitter(Scenario s, String model, String version, Duration spread) {
    return spread.isZero() ? 0
        : (long) (new SplittableRandom(mix(s.seed(), model.hashCode(), version.hashCode())).nextDouble()
            * spread.toMillis());
  }

  private static void addFaults(Scenario s, SimulatedWorld world) {
    for (int i = 0; i < s.faults().size(); i++) {
      FaultSpec f = s.faults().get(i);
      if (f.kind() == FaultKind.AGENT_CRASH) {
        continue; // nothing in the world changes: the agent's contender stops and restarts it
      }
      Instant onset = s.start().plus(f.onset());
      for (String name : FleetNames.select(s, f.target())) {
        ModelName model = ModelName.of(name);
        if (f.kind() == FaultKind.BAD_CANDIDATE) {
          registerBadCandidate(world, model, "bad-" + (i + 1), onset, f.magnitude());
        }
        world.addFault(new Fault(f.kind(), model, onset, f.duration(), f.magnitude(), hurts(f.kind(), world, model, onset)));
      }
    }
  }

  /**
   * The versions a fault hurts. Drift and sudden accuracy loss come from the data, so they hurt the
   * versions trained before them and not one trained on fresh data; a latency regression is the
   * serving build's, so a newer (optimized) build escapes it. Errors from a dependency, a noisy
   * neighbour's CPU and a traffic surge hit whatever serves.
   */
  private static Set<String> hurts(FaultKind kind, SimulatedWorld world, ModelName model, Instant onset) {
    return switch (kind) {
      case ACCURACY_DRIFT, ACCURACY_DROP, LATENCY_SPIKE -> world.registry().versionsAt(model, onset).stream()
          .map(ModelVersion::version).collect(Collectors.toUnmodifiableSet());
      default -> Set.of();
    };
  }

  private static void registerBadCandidate(SimulatedWorld world, ModelName model, String version, Instant at,
      double accuracyLoss) {
    ModelProfile p = world.fleet().profile(model);
    world.registry().register(
        new ModelVersion(model, version, clamp(p.baseAccuracy() + BAD_CANDIDATE_LURE), Set.of()),
        new VersionQuality(clamp(p.baseAccuracy() - accuracyLoss), 1.0, p.baseErrorRate(), p.baseErrorRate()), at);
  }

  private static double clamp(double accuracy) {
    return Math.max(0, Math.min(0.999, accuracy));
  }

  private static long mix(long a, long b, long c) {
    return SimulatedFleet.mix(a, b, c);
  }
}
