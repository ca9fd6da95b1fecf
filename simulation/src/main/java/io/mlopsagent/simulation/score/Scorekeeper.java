package io.mlopsagent.simulation.score;

import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ModelVersion;
import io.mlopsagent.actors.ports.Workload;
import io.mlopsagent.simulation.fleet.VersionQuality;
import io.mlopsagent.simulation.report.Kpi;
import io.mlopsagent.simulation.report.PolicyRun;
import io.mlopsagent.simulation.scenario.Scenario;
import io.mlopsagent.simulation.world.Fault;
import io.mlopsagent.simulation.world.SimulatedCluster;
import io.mlopsagent.simulation.world.SimulatedWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores one policy's run against the world's ground truth. It listens to the world (what users
 * got), to the cluster (what was changed) and to the policy (what it noticed and did), and at the
 * end turns it all into a {@link PolicyRun}.
 *
 * <p>An adaptation is justified when the model had real trouble: a degrading fault in force or
 * ended within {@link #JUSTIFIED_AFTER}, users seeing an SLO violation within the last hour, or,
 * by type, CPU above {@value #CPU_HIGH} for a scale-out, more than {@value #WASTE_FACTOR} times the
 * cores it needs for a scale-in, a truly better version available for a rollout. Any other
 * adaptation is false. Outages of metrics and errors of the Kubernetes API justify nothing.
 */
public final class Scorekeeper implements PolicyEvents {
  static final Duration JUSTIFIED_AFTER = Duration.ofHours(2);
  static final double CPU_HIGH = 0.8;
  static final double WASTE_FACTOR = 1.5;

  private final String policy;
  private final Scenario scenario;
  private final SimulatedWorld world;
  private final Instant end;
  private final ServiceLedger service;
  private final RolloutLedger rollouts = new RolloutLedger();
  private final DetectionLedger detection;
  private final List<PolicyRun.Adaptation> adaptations = new ArrayList<>();
  private int manualInterventions;
  private int learnedPlans;
  private int duplicateActions;
  private int dataGapAdaptations;
  private final Map<String, Double> measured = new LinkedHashMap<>();

  /** Starts scoring: attaches itself to the world and its cluster. */
  public Scorekeeper(String policy, Scenario scenario, SimulatedWorld world, Duration sampleEvery) {
    this.policy = policy;
    this.scenario = scenario;
    this.world = world;
    this.end = scenario.start().plus(scenario.duration());
    this.service = new ServiceLedger(scenario.slo(), world, scenario.start(), end, scenario.step(), sampleEvery);
    this.detection = new DetectionLedger(scenario.step(), end);
    world.observeTruth(this::truth);
    world.cluster().listen(this::changed);
  }

  private synchronized void truth(Instant at, ModelName model, MetricWindow window, Workload w) {
    service.observe(at, model, window, w);
  }

  private synchronized void changed(Instant at, ModelName model, SimulatedCluster.Change change, Workload before,
      Workload after) {
    rollouts.applied(at, model, change, before, after);
    if (repeated(change, before, after)) {
      duplicateActions++;
    }
  }

  /**
   * Whether a change the cluster applied (each action id applies once) left the workload as the
   * change before it had: the same deployment, weight, promotion or switch done again under a new
   * id, i.e. a decision taken twice. Scaling is left out: a scale capped at its limit repeats
   * nothing. Removing a candidate that is not there removes nothing: not a repeat either.
   */
  private static boolean repeated(SimulatedCluster.Change change, Workload before, Workload after) {
    if (change == SimulatedCluster.Change.SCALE || before == null || !before.equals(after)) {
      return false;
    }
    return change != SimulatedCluster.Change.REMOVE_CANDIDATE || before.hasCandidate();
  }

  // Whatever a policy does after the scenario's end (a poll or two past it) is not scored.
  @Override
  public void detected(Instant at, ModelName model) {
    if (at.isBefore(end)) {
      detection.detected(at, model);
    }
  }

  @Override
  public synchronized void adapted(Instant at, ModelName model, String type) {
    if (!at.isBefore(end)) {
      return;
    }
    detection.detected(at, model);
    boolean justified = justified(at, model, type);
    // An upgrade to a version that validates better is the registry's doing, whatever the data.
    if (!justified && afterDataGap(model, at) && !(Adaptations.ROLLOUT.equals(type) && upgradeAvailable(model, at))) {
      dataGapAdaptations++;
    }
    adaptations.add(new PolicyRun.Adaptation(at, model.value(), type, justified));
  }

  @Override
  public synchronized void measured(String kpi, double value) {
    measured.merge(kpi, value, Double::sum);
  }

  /** Whether the registry has a version that validates better than the one serving the model. */
  private boolean upgradeAvailable(ModelName model, Instant at) {
    Workload w = world.cluster().current(model).orElse(null);
    if (w == null) {
      return false;
    }
    List<ModelVersion> versions = world.registry().versionsAt(model, at);
    double serving = versions.stream().filter(v -> v.version().equals(w.stableVersion()))
        .mapToDouble(ModelVersion::validationAccuracy).findFirst().orElse(Double.NEGATIVE_INFINITY);
    return versions.stream().anyMatch(v -> v.validationAccuracy() > serving);
  }

  /** Whether the model's metrics are out at {@code at} or came back within the hour before it. */
  private boolean afterDataGap(ModelName model, Instant at) {
    for (Fault f : world.faults()) {
      if (f.model().equals(model) && f.kind() == io.mlopsagent.simulation.scenario.FaultKind.METRICS_OUTAGE
          && !at.isBefore(f.onset()) && at.isBefore(f.end().plus(Duration.ofHours(1)))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public synchronized void plannedByLearner(Instant at, ModelName model) {
    learnedPlans++;
  }

  @Override
  public synchronized void needsPerson(Instant at, ModelName model, String why) {
    if (at.isBefore(end)) {
      manualInterventions++;
    }
  }

  private boolean justified(Instant at, ModelName model, String type) {
    if (troubleRecently(model, at) || service.violatedRecently(model, at, Duration.ofHours(1))) {
      return true;
    }
    Workload w = world.cluster().current(model).orElse(null);
    switch (type) {
      case Adaptations.SCALE_OUT:
        return service.lastUtilisation(model) > CPU_HIGH;
      case Adaptations.SCALE_IN:
        return w != null && w.replicas() * w.cpuCores() > WASTE_FACTOR * service.neededCores(model, w, at);
      case Adaptations.ROLLOUT:
        return w != null && betterVersionAvailable(model, w.stableVersion(), at);
      default:
        return false;
    }
  }

  private boolean troubleRecently(ModelName model, Instant at) {
    for (Fault f : world.faults()) {
      if (f.model().equals(model) && DetectionLedger.DEGRADATIONS.contains(f.kind())
          && !at.isBefore(f.onset()) && at.isBefore(f.end().plus(JUSTIFIED_AFTER))) {
        return true;
      }
    }
    return false;
  }

  private boolean betterVersionAvailable(ModelName model, String serving, Instant at) {
    VersionQuality current = world.registry().quality(model, serving);
    for (ModelVersion v : world.registry().versionsAt(model, at)) {
      VersionQuality q = world.registry().quality(model, v.version());
      if (current == null || (q != null && q.accuracy() > current.accuracy() + 0.005)) {
        return true;
      }
    }
    return false;
  }

  /** The run's figures, once the world has reached the end of the scenario. */
  public synchronized PolicyRun result(double wallSeconds) {
    Map<String, List<DetectionLedger.Sample>> delays = detection.delays(world.faults(), rollouts.finished());
    List<DetectionLedger.Sample> all = delays.values().stream().flatMap(List::stream).toList();
    PolicyRun.Delay overall = DetectionLedger.summarise(all);
    Map<String, PolicyRun.Delay> byKind = new LinkedHashMap<>();
    delays.forEach((kind, samples) -> byKind.put(kind, DetectionLedger.summarise(samples)));

    double modelHours = scenario.modelDays() * 24;
    long falseOnes = adaptations.stream().filter(a -> !a.justified()).count();
    List<Double> minutes = rollouts.minutes();
    Map<String, Double> kpis = new LinkedHashMap<>();
    kpis.put(Kpi.SLO_VIOLATION_MINUTES, round(service.sloMinutes()));
    kpis.put(Kpi.DETECTION_DELAY_P50, overall.p50Windows());
    kpis.put(Kpi.DETECTION_DELAY_P95, overall.p95Windows());
    kpis.put(Kpi.FALSE_ADAPTATIONS, round(falseOnes * 1000.0 / modelHours));
    kpis.put(Kpi.DEPLOY_MINUTES_MEAN, round(minutes.stream().mapToDouble(Double::doubleValue).average().orElse(0)));
    kpis.put(Kpi.DEPLOY_MINUTES_P95, round(DetectionLedger.percentile(minutes, 95)));
    kpis.put(Kpi.FAILED_ROLLOUTS, (double) rollouts.failed());
    kpis.put(Kpi.OVERPROVISIONED_CPU, round(service.overprovisionedCoreHours()));
    kpis.put(Kpi.MANUAL_INTERVENTIONS, (double) manualInterventions);
    kpis.put(Kpi.ROLLOUTS, (double) minutes.size());
    kpis.put(Kpi.ADAPTATIONS, (double) adaptations.size());
    kpis.put(Kpi.FAULTS_DETECTED, (double) overall.detected());
    kpis.put(Kpi.LEARNED_PLANS, (double) learnedPlans);
    kpis.put(Kpi.DUPLICATE_ACTIONS, (double) duplicateActions);
    kpis.put(Kpi.DATA_GAP_ADAPTATIONS, (double) dataGapAdaptations);
    rollouts.after(Kpi.LEARNED_FROM).ifPresent(later -> {
      kpis.put(Kpi.ROLLOUTS_LATER, (double) later.rollouts());
      kpis.put(Kpi.DEPLOY_MINUTES_MEAN_LATER, round(later.meanMinutes()));
      kpis.put(Kpi.FAILED_SHARE_LATER, Math.round(later.failedShare() * 1000) / 1000.0);
    });
    kpis.putAll(measured);
    new java.util.TreeMap<>(service.sloMinutesByCause()).forEach((cause, m) ->
        kpis.put(Kpi.SLO_VIOLATION_MINUTES + "_during_" + cause, round(m)));
    List<PolicyRun.Adaptation> ordered = new ArrayList<>(adaptations);
    ordered.sort(java.util.Comparator.comparing(PolicyRun.Adaptation::at).thenComparing(PolicyRun.Adaptation::model));
    return new PolicyRun(policy, kpis, byKind, service.series(), ordered, round(wallSeconds));
  }

  /** Two decimals: the figures are reproducible, and the noise beyond them is not information. */
  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
