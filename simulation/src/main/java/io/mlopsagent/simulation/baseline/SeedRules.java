package io.mlopsagent.simulation.baseline;

import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ModelVersion;
import io.mlopsagent.actors.ports.Workload;
import io.mlopsagent.simulation.score.Adaptations;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * {@code seed_rules}: the seed's loop, with its fixed thresholds, the same for every model, checked
 * on each window alone:
 * <ul>
 *   <li>accuracy below 0.85 (the optimisation threshold): deploy the registry's best-validated
 *       version if it beats the serving one, else request retraining (once a day);
 *   <li>p95 above 0.200 s or CPU above 0.8: scale out by half (auto-scale on); CPU below 0.2: in;
 *   <li>error rate above 0.01 within 30 min of a switch: switch back;
 *   <li>deployments are blue-green (the seed's default strategy), a canary at 10 % for models over
 *       100 MB; the new version takes over as soon as its pods are ready (blue-green) or its first
 *       canary window meets the success criteria; pods not ready in 10 min: removed.
 * </ul>
 * After an action on a model it waits 5 minutes (one seed cycle) before the next.
 */
public final class SeedRules implements Controller {
  static final double MIN_ACCURACY = 0.85;
  static final double MAX_P95_SECONDS = 0.200;
  static final double MAX_ERROR_RATE = 0.01;
  static final double CPU_HIGH = 0.8;
  static final double CPU_LOW = 0.2;
  static final double SCALE_FACTOR = 1.5;
  static final int MAX_REPLICAS = 20;
  static final double CANARY_ABOVE_MB = 100;
  static final int CANARY_WEIGHT = 10;
  static final Duration COOLDOWN = Duration.ofMinutes(5);
  static final Duration READY_TIMEOUT = Duration.ofMinutes(10);
  static final Duration ROLLBACK_WINDOW = Duration.ofMinutes(30);
  static final Duration RETRAIN_EVERY = Duration.ofHours(24);

  private record Deployment(String version, boolean canary, Instant since) {}

  /** What the loop remembers of one model. */
  private static final class Memory {
    Instant quietUntil = Instant.MIN;
    boolean breaching;
    Deployment deployment;
    String previousStable;
    Instant switchedAt;
    Instant retrainedAt;
    final Set<String> tried = new HashSet<>();
  }

  private final BaselinePorts ports;
  private final ToDoubleFunction<ModelName> sizeMb;
  private final Map<ModelName, Memory> memory = new HashMap<>();

  /** @param sizeMb each model's artifact size, as the registry records it */
  public SeedRules(BaselinePorts ports, ToDoubleFunction<ModelName> sizeMb) {
    this.ports = ports;
    this.sizeMb = sizeMb;
  }

  @Override
  public void observe(Instant at, Map<ModelName, ModelWindows> windows) {
    windows.forEach((model, w) -> observe(at, model, w, memory.computeIfAbsent(model, m -> new Memory())));
  }

  private void observe(Instant at, ModelName model, ModelWindows windows, Memory m) {
    MetricWindow w = windows.overall();
    if (m.deployment != null) {
      progress(at, model, windows, m);
      return;
    }
    boolean breach = w.accuracy() < MIN_ACCURACY || w.latencyP95Seconds() > MAX_P95_SECONDS
        || w.errorRate() > MAX_ERROR_RATE || w.cpuUtilization() > CPU_HIGH;
    if (breach && !m.breaching) {
      ports.events().detected(at, model);
    }
    m.breaching = breach;
    if (at.isBefore(m.quietUntil)) {
      return;
    }
    if (m.switchedAt != null && at.isBefore(m.switchedAt.plus(ROLLBACK_WINDOW)) && w.errorRate() > MAX_ERROR_RATE) {
      if (ports.serve(model, m.previousStable).isPresent()) {
        acted(at, model, m, Adaptations.ROLLBACK);
        m.switchedAt = null;
      }
    } else if (w.accuracy() < MIN_ACCURACY) {
      optimise(at, model, m);
    } else if (w.latencyP95Seconds() > MAX_P95_SECONDS || w.cpuUtilization() > CPU_HIGH) {
      ports.workload(model).ifPresent(wl -> scale(at, model, m, Math.min(MAX_REPLICAS,
          (int) Math.ceil(wl.replicas() * SCALE_FACTOR)), wl, Adaptations.SCALE_OUT));
    } else if (w.cpuUtilization() < CPU_LOW) {
      ports.workload(model).ifPresent(wl -> scale(at, model, m, Math.max(1,
          (int) Math.floor(wl.replicas() / SCALE_FACTOR)), wl, Adaptations.SCALE_IN));
    }
  }

  private void scale(Instant at, ModelName model, Memory m, int replicas, Workload wl, String type) {
    if (replicas != wl.replicas() && ports.scale(model, replicas, wl.cpuCores()).isPresent()) {
      acted(at, model, m, type);
    }
  }

  private void optimise(Instant at, ModelName model, Memory m) {
    Optional<Workload> wl = ports.workload(model);
    if (wl.isEmpty()) {
      return;
    }
    String serving = wl.get().stableVersion();
    java.util.List<ModelVersion> versions = ports.versions(model);
    double servingAccuracy = versions.stream().filter(v -> v.version().equals(serving))
        .mapToDouble(ModelVersion::validationAccuracy).findFirst().orElse(0);
    Optional<ModelVersion> best = versions.stream()
        .filter(v -> !v.version().equals(serving) && !m.tried.contains(v.version()))
        .max(Comparator.comparingDouble(ModelVersion::validationAccuracy));
    if (best.isPresent() && best.get().validationAccuracy() > servingAccuracy) {
      boolean canary = sizeMb.applyAsDouble(model) > CANARY_ABOVE_MB;
      String version = best.get().version();
      if (ports.deployCandidate(model, version, canary ? CANARY_WEIGHT : 0).isPresent()) {
        m.tried.add(version);
        m.deployment = new Deployment(version, canary, at);
        acted(at, model, m, Adaptations.ROLLOUT);
      }
    } else if ((m.retrainedAt == null || !at.isBefore(m.retrainedAt.plus(RETRAIN_EVERY)))
        && ports.retrain(model, "accuracy below " + MIN_ACCURACY)) {
      m.retrainedAt = at;
      acted(at, model, m, Adaptations.RETRAINING);
    }
  }

  private void progress(Instant at, ModelName model, ModelWindows windows, Memory m) {
    Deployment d = m.deployment;
    MetricWindow candidate = windows.version(d.version());
    if (candidate == null) {
      if (!at.isBefore(d.since().plus(READY_TIMEOUT)) && ports.removeCandidate(model).isPresent()) {
        m.deployment = null;
      }
      return;
    }
    boolean meets = candidate.accuracy() >= MIN_ACCURACY && candidate.latencyP95Seconds() <= MAX_P95_SECONDS
        && candidate.errorRate() <= MAX_ERROR_RATE;
    if (d.canary() && !meets) {
      if (ports.removeCandidate(model).isPresent()) {
        m.deployment = null;
      }
      return;
    }
    String previous = ports.workload(model).map(Workload::stableVersion).orElse(null);
    if (previous != null && ports.promote(model).isPresent()) {
      m.deployment = null;
      m.previousStable = previous;
      m.switchedAt = at;
    }
  }

  private void acted(Instant at, ModelName model, Memory m, String type) {
    ports.events().adapted(at, model, type);
    m.quietUntil = at.plus(COOLDOWN);
  }
}
