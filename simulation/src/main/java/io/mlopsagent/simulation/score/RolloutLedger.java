package io.mlopsagent.simulation.score;

import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.Workload;
import io.mlopsagent.simulation.world.SimulatedCluster.Change;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rollouts as the cluster saw them, whoever drove them: one starts when a candidate is deployed,
 * and ends when it is promoted (a success) or removed (a failure); a version switched back after
 * its promotion is a failed rollout too (a rollback). Reading the cluster rather than each
 * policy's own account scores every policy by the same rule.
 */
final class RolloutLedger {
  private record Open(String version, Instant since) {}

  /** A version promoted, kept so a later switch back can be told apart from a fresh deployment. */
  private record Promotion(String previous, String version) {}

  /**
   * One finished rollout, for the detection of bad candidates; a rollback (a promoted version
   * switched back) is one too, started and ended at the switch.
   */
  record Finished(ModelName model, String version, Instant started, Instant ended, boolean succeeded,
      boolean rollback) {}

  /** The rollouts that started once the fleet had {@code outcomes} finished ones before them. */
  record Later(int outcomes, int rollouts, double meanMinutes, int failed) {
    double failedShare() {
      return rollouts == 0 ? 0 : failed / (double) rollouts;
    }
  }

  private final Map<ModelName, Open> open = new HashMap<>();
  private final Map<ModelName, Promotion> promoted = new HashMap<>();
  private final List<Double> minutes = new ArrayList<>();
  private final List<Finished> finished = new ArrayList<>();
  private int failed;

  void applied(Instant at, ModelName model, Change change, Workload before, Workload after) {
    switch (change) {
      case DEPLOY_CANDIDATE -> {
        Open current = open.get(model);
        if (current == null || !current.version().equals(after.candidateVersion())) {
          open.put(model, new Open(after.candidateVersion(), at));
        }
      }
      case PROMOTE -> {
        Open o = open.remove(model);
        if (o != null) {
          finish(model, o, at, true);
        }
        promoted.put(model, new Promotion(before.stableVersion(), after.stableVersion()));
      }
      case REMOVE_CANDIDATE -> {
        Open o = open.remove(model);
        if (o != null) {
          finish(model, o, at, false);
          failed++;
        }
      }
      case SET_STABLE -> {
        Open o = open.remove(model);
        Promotion p = promoted.remove(model);
        if (o != null) {
          // A straight switch of the serving version ends whatever rollout was open.
          boolean succeeded = o.version().equals(after.stableVersion());
          finish(model, o, at, succeeded);
          if (!succeeded) {
            failed++;
          }
        } else if (p != null && p.previous().equals(after.stableVersion())) {
          failed++;
          finished.add(new Finished(model, p.version(), at, at, false, true));
        }
      }
      default -> { }
    }
  }

  private void finish(ModelName model, Open o, Instant at, boolean succeeded) {
    minutes.add(Duration.between(o.since(), at).toMillis() / 60_000.0);
    finished.add(new Finished(model, o.version(), o.since(), at, succeeded, false));
  }

  List<Double> minutes() {
    return List.copyOf(minutes);
  }

  List<Finished> finished() {
    return List.copyOf(finished);
  }

  /**
   * What the rollouts started after the fleet's {@code outcomes}-th finished rollout did: how
   * learning from those outcomes shows. A rollback in that time counts as a failure; empty when
   * the run had no more than {@code outcomes} outcomes.
   */
  Optional<Later> after(int outcomes) {
    if (finished.size() <= outcomes) {
      return Optional.empty();
    }
    List<Finished> byEnd = new ArrayList<>(finished);
    byEnd.sort(Comparator.comparing(Finished::ended));
    Instant learnedBy = byEnd.get(outcomes - 1).ended();
    int rollouts = 0;
    int failures = 0;
    double minutesSum = 0;
    for (Finished f : finished) {
      if (f.rollback()) {
        failures += f.ended().isAfter(learnedBy) ? 1 : 0;
      } else if (f.started().isAfter(learnedBy)) {
        rollouts++;
        minutesSum += Duration.between(f.started(), f.ended()).toMillis() / 60_000.0;
        failures += f.succeeded() ? 0 : 1;
      }
    }
    return Optional.of(new Later(outcomes, rollouts, rollouts == 0 ? 0 : minutesSum / rollouts, failures));
  }

  int failed() {
    return failed;
  }

  int unfinished() {
    return open.size();
  }
}
