package io.mlopsagent.simulation.baseline;

import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ModelVersion;
import io.mlopsagent.simulation.score.Adaptations;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code static_canary}: a fixed canary in the manner of Argo Rollouts, as its documentation's
 * example configures one. Every new version that appears in the registry is rolled out (a new
 * image is what starts a Rollout), whatever the model's health, with the same steps and thresholds
 * for every model:
 * <ul>
 *   <li>steps 20, 40, 60, 80 % of traffic, each paused {@value #PAUSE_MINUTES} minutes, then 100 %;
 *   <li>every window of the pause is a measurement of the canary: Successful when accuracy
 *       &ge; 0.85, p95 &le; 0.200 s and error rate &le; 0.01; Failed when accuracy &lt; 0.80, p95
 *       &gt; 0.5 s or error rate &gt; 0.05; Inconclusive in between; an Error when it has no
 *       metrics (pods not ready);
 *   <li>one Failed measurement aborts, more than 4 Errors in a row abort (Argo's default
 *       consecutive-error limit), pods not ready within 10 minutes abort (the progress deadline);
 *   <li>an Inconclusive measurement pauses the rollout for a person, who answers after an hour by
 *       aborting (a careful operator, without the agent's evidence).
 * </ul>
 * It does not scale, retrain or roll back after promotion: those are other tools' slices.
 */
public final class StaticCanary implements Controller {
  static final List<Integer> STEPS = List.of(20, 40, 60, 80, 100);
  static final int PAUSE_MINUTES = 10;
  static final int ERROR_LIMIT = 4;
  static final Duration PROGRESS_DEADLINE = Duration.ofMinutes(10);
  static final Duration PERSON_ANSWERS_AFTER = Duration.ofHours(1);

  private enum Verdict { SUCCESSFUL, INCONCLUSIVE, FAILED, ERROR }

  /** One rollout in progress. */
  private static final class Canary {
    final String version;
    final Instant started;
    int step;
    Instant stepSince;
    boolean everReady;
    int errorsInARow;
    Instant pausedAt;

    Canary(String version, Instant started) {
      this.version = version;
      this.started = started;
      this.stepSince = started;
    }
  }

  private final BaselinePorts ports;
  private final Map<ModelName, Canary> canaries = new HashMap<>();
  private final Map<ModelName, Set<String>> seen = new HashMap<>();

  /** Versions registered before its first look were rolled out before the run began. */
  public StaticCanary(BaselinePorts ports) {
    this.ports = ports;
  }

  @Override
  public void observe(Instant at, Map<ModelName, ModelWindows> windows) {
    windows.forEach((model, w) -> {
      Canary c = canaries.get(model);
      if (c == null) {
        startOnNewVersion(at, model);
      } else {
        progress(at, model, w, c);
      }
    });
  }

  private void startOnNewVersion(Instant at, ModelName model) {
    Set<String> known = seen.computeIfAbsent(model, m -> new HashSet<>(ports.versions(model).stream()
        .map(ModelVersion::version).toList()));
    for (ModelVersion v : ports.versions(model)) {
      if (!known.contains(v.version())) {
        known.add(v.version());
        if (ports.deployCandidate(model, v.version(), STEPS.get(0)).isPresent()) {
          canaries.put(model, new Canary(v.version(), at));
          ports.events().adapted(at, model, Adaptations.ROLLOUT);
        } else {
          known.remove(v.version());
        }
        return;
      }
    }
  }

  private void progress(Instant at, ModelName model, ModelWindows windows, Canary c) {
    if (c.pausedAt != null) {
      if (!at.isBefore(c.pausedAt.plus(PERSON_ANSWERS_AFTER))) {
        abort(model);
      }
      return;
    }
    MetricWindow w = windows.version(c.version);
    Verdict verdict = measure(w);
    c.everReady |= w != null;
    c.errorsInARow = verdict == Verdict.ERROR ? c.errorsInARow + 1 : 0;
    if (verdict == Verdict.FAILED || c.errorsInARow > ERROR_LIMIT
        || (!c.everReady && !at.isBefore(c.started.plus(PROGRESS_DEADLINE)))) {
      abort(model);
    } else if (verdict == Verdict.INCONCLUSIVE) {
      c.pausedAt = at;
      ports.events().needsPerson(at, model, "inconclusive analysis of " + c.version);
    } else if (!at.isBefore(c.stepSince.plus(Duration.ofMinutes(PAUSE_MINUTES))) && c.everReady) {
      nextStep(at, model, c);
    }
  }

  private void nextStep(Instant at, ModelName model, Canary c) {
    if (c.step + 1 == STEPS.size() - 1) {
      if (ports.promote(model).isPresent()) {
        canaries.remove(model);
      }
      return;
    }
    if (ports.setWeight(model, STEPS.get(c.step + 1)).isPresent()) {
      c.step++;
      c.stepSince = at;
    }
  }

  private void abort(ModelName model) {
    if (ports.removeCandidate(model).isPresent()) {
      canaries.remove(model);
    }
  }

  private static Verdict measure(MetricWindow w) {
    if (w == null) {
      return Verdict.ERROR;
    }
    if (w.accuracy() < 0.80 || w.latencyP95Seconds() > 0.5 || w.errorRate() > 0.05) {
      return Verdict.FAILED;
    }
    if (w.accuracy() >= 0.85 && w.latencyP95Seconds() <= 0.200 && w.errorRate() <= 0.01) {
      return Verdict.SUCCESSFUL;
    }
    return Verdict.INCONCLUSIVE;
  }
}
