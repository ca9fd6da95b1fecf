package io.mlopsagent.simulation.world;

import io.mlopsagent.simulation.scenario.FaultKind;
import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.MetricsSource;
import io.mlopsagent.actors.ports.ModelVersion;
import io.mlopsagent.actors.ports.Workload;
import io.mlopsagent.simulation.fleet.Effects;
import io.mlopsagent.simulation.fleet.ModelProfile;
import io.mlopsagent.simulation.fleet.SimulatedFleet;
import io.mlopsagent.simulation.fleet.VersionQuality;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A world in a box: a fleet of models served by a simulated cluster, versions in a simulated
 * registry, a training system, and faults. Its metrics follow what the agent does: scaling changes
 * capacity and so utilisation and latency; a candidate gets its share of traffic and shows its
 * own true quality; a rollback brings the old version's behaviour back.
 */
public final class SimulatedWorld implements MetricsSource {
  /** The version every model serves at the start. */
  public static final String FIRST_VERSION = "v1";

  private final SimulatedFleet fleet;
  private final SimulatedCluster cluster;
  private final SimulatedRegistry registry;
  private final SimulatedRetraining retraining;
  private final List<Fault> faults = new ArrayList<>();
  private final AtomicReference<Instant> now;
  private volatile TruthObserver observer = TruthObserver.NONE;

  /**
   * Told, at every fetch, what each model's users really got in that window — also while its
   * metrics are out — with the workload that served them. Scoring reads the truth here, never
   * what a policy was shown.
   */
  @FunctionalInterface
  public interface TruthObserver {
    TruthObserver NONE = (at, model, truth, workload) -> { };

    void observed(Instant at, ModelName model, MetricWindow truth, Workload workload);
  }

  public SimulatedWorld(SimulatedFleet fleet, Instant start) {
    this.fleet = fleet;
    this.now = new AtomicReference<>(start);
    this.cluster = new SimulatedCluster(now::get);
    this.registry = new SimulatedRegistry(now::get);
    this.retraining = new SimulatedRetraining(registry, now::get, Duration.ofHours(2),
        model -> freshQuality(fleet.profile(model)));
    // A version registered without its artifact's figures is as big and complex as its model's profile says.
    registry.describeArtifacts(v -> Double.isNaN(v.sizeMb()) ? v.withArtifact(fleet.profile(v.model()).sizeMb(),
        fleet.profile(v.model()).complexity()) : v);
    for (ModelProfile p : fleet.profiles()) {
      registry.register(new ModelVersion(p.name(), FIRST_VERSION, p.baseAccuracy(), Set.of()), VersionQuality.of(p),
          Instant.EPOCH);
      cluster.deploy(new Workload(p.name(), FIRST_VERSION, null, 0, p.replicas(), p.cpuCores(), 2L << 30));
    }
  }

  public SimulatedFleet fleet() {
    return fleet;
  }

  public SimulatedCluster cluster() {
    return cluster;
  }

  public SimulatedRegistry registry() {
    return registry;
  }

  public SimulatedRetraining retraining() {
    return retraining;
  }

  /** Observation time the world has reached (the newest window asked for). */
  public Instant now() {
    return now.get();
  }

  public void observeTruth(TruthObserver truthObserver) {
    this.observer = truthObserver;
  }

  public synchronized void addFault(Fault fault) {
    faults.add(fault);
  }

  public synchronized List<Fault> faults() {
    return List.copyOf(faults);
  }

  @Override
  public CompletionStage<List<ModelName>> discover() {
    return CompletableFuture.completedFuture(fleet.names());
  }

  @Override
  public CompletionStage<Map<ModelName, ModelWindows>> fetch(Collection<ModelName> models, Instant at) {
    now.accumulateAndGet(at, (a, b) -> a.isAfter(b) ? a : b);
    List<Fault> active = activeFaults(at);
    Map<ModelName, ModelWindows> windows = new LinkedHashMap<>();
    for (ModelName name : models) {
      ModelProfile p = fleet.profile(name);
      Workload w = p == null ? null : cluster.current(name).orElse(null);
      if (w == null) {
        continue;
      }
      ModelWindows mw = windowsOf(p, w, at, active);
      observer.observed(at, name, mw.overall(), w);
      if (!outage(active, name)) {
        windows.put(name, mw);
      }
    }
    return CompletableFuture.completedFuture(windows);
  }

  /**
   * The past as a metrics store would keep it: each model healthy on its first version and on the
   * resources it runs with now, as it was before the run began (no fault reaches back before the
   * start).
   */
  @Override
  public CompletionStage<Map<ModelName, List<MetricWindow>>> history(
      Collection<ModelName> models, Instant from, Instant to, Duration step) {
    Map<ModelName, List<MetricWindow>> past = new LinkedHashMap<>();
    for (ModelName name : models) {
      ModelProfile p = fleet.profile(name);
      if (p == null) {
        continue;
      }
      Workload w = cluster.current(name).orElse(null);
      int replicas = w == null ? p.replicas() : w.replicas();
      double cores = w == null ? p.cpuCores() : w.cpuCores();
      List<MetricWindow> windows = new ArrayList<>();
      for (Instant t = from; t.isBefore(to); t = t.plus(step)) {
        windows.add(fleet.healthyWindow(p, t, replicas, cores));
      }
      past.put(name, windows);
    }
    return CompletableFuture.completedFuture(past);
  }

  private ModelWindows windowsOf(ModelProfile p, Workload w, Instant at, List<Fault> active) {
    SplittableRandom rnd = fleet.noise(p, at);
    Effects stableFx = effects(active, p.name(), w.stableVersion(), at);
    double throughput = fleet.throughput(p, at, rnd) * stableFx.trafficFactor();
    double utilisation = throughput * stableFx.cpuFactor() / p.capacityRps(w.replicas(), w.cpuCores())
        * (1 + 0.03 * rnd.nextGaussian());
    // A candidate whose pods are not ready yet gets no traffic and reports nothing.
    boolean candidateUp = w.hasCandidate() && cluster.candidateReady(p.name(), at);
    int candidateWeight = candidateUp ? w.candidateWeight() : 0;
    double stableShare = 1 - candidateWeight / 100.0;

    MetricWindow stable = fleet.window(p, at, rnd, throughput * stableShare, utilisation,
        quality(p, w.stableVersion(), 100 - candidateWeight), stableFx);
    if (!candidateUp) {
      return new ModelWindows(stable, Map.of(w.stableVersion(), stable));
    }
    // A preview (weight 0) is measured on mirrored test traffic: 1 % of the load, no user impact.
    double candidateTraffic = throughput * Math.max(candidateWeight, 1) / 100.0;
    MetricWindow candidate = fleet.window(p, at, rnd, candidateTraffic, utilisation,
        quality(p, w.candidateVersion(), candidateWeight), effects(active, p.name(), w.candidateVersion(), at));
    MetricWindow overall = candidateWeight == 0 ? stable : mix(stable, candidate, candidateWeight / 100.0);
    return new ModelWindows(overall, Map.of(w.stableVersion(), stable, w.candidateVersion(), candidate));
  }

  private VersionQuality quality(ModelProfile p, String version, int weightPercent) {
    VersionQuality q = registry.quality(p.name(), version);
    VersionQuality known = q == null ? VersionQuality.of(p) : q;
    return known.withErrorRate(known.errorRate(weightPercent));
  }

  /** What users see: the versions' windows weighted by their share of traffic. */
  private static MetricWindow mix(MetricWindow stable, MetricWindow candidate, double candidateShare) {
    double s = 1 - candidateShare;
    return new MetricWindow(stable.at(),
        s * stable.accuracy() + candidateShare * candidate.accuracy(),
        s * stable.latencyP95Seconds() + candidateShare * candidate.latencyP95Seconds(),
        s * stable.errorRate() + candidateShare * candidate.errorRate(),
        stable.throughputRps() + candidate.throughputRps(),
        stable.cpuUtilization());
  }

  /** What the faults in force at {@code at} do to one version of a model. */
  public Effects effects(ModelName model, String version, Instant at) {
    return effects(activeFaults(at), model, version, at);
  }

  private synchronized List<Fault> activeFaults(Instant at) {
    return faults.stream().filter(f -> f.activeAt(at)).toList();
  }

  private static boolean outage(List<Fault> active, ModelName model) {
    return active.stream().anyMatch(f -> f.kind() == FaultKind.METRICS_OUTAGE && f.model().equals(model));
  }

  private static Effects effects(List<Fault> active, ModelName model, String version, Instant at) {
    Effects fx = Effects.NONE;
    for (Fault f : active) {
      if (f.model().equals(model)) {
        fx = fx.and(f.effectsOn(version, at));
      }
    }
    return fx;
  }

  private static VersionQuality freshQuality(ModelProfile p) {
    return new VersionQuality(Math.min(0.99, p.baseAccuracy() + 0.01), 1.0, p.baseErrorRate(), p.baseErrorRate());
  }
}
