package io.mlopsagent.agent.http;

import io.mlopsagent.actors.agent.Decisions;
import io.mlopsagent.actors.agent.DeploymentRequest;
import io.mlopsagent.actors.learn.DeploymentPlan;
import io.mlopsagent.actors.rollout.Rollout;
import io.mlopsagent.actors.rollout.RolloutStatus;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A deployment (a rollout, most often one a pipeline asked for) as the admin API shows it: its
 * progress while it runs, its verdict once it has ended. Built from the rollout's own decisions
 * in the journal, and from the entity's state while it is in progress.
 */
final class DeploymentViews {
  private DeploymentViews() {}

  /**
   * @param status scheduled, in_progress, paused_inconclusive, promoted, aborted or rolled_back
   * @param verdict null while it runs; promoted, aborted or rolled_back once it has ended
   */
  record DeploymentView(String id, String model, String version, String environment, String strategy,
      String status, int step, int weight, String verdict, String reason, String requestedBy,
      Instant requestedAt, Instant startedAt, Instant endedAt, DeploymentPlan plan) {}

  /**
   * The deployment that {@code started} began.
   *
   * @param live the model's rollout now when it is this one, else null
   * @param decisions the model's decisions, newest first
   */
  static DeploymentView of(String model, Decisions.RolloutStarted started, Rollout live,
      List<Decisions.Decision> decisions) {
    Rollout r = live != null ? live : ended(started, decisions);
    String status = r.status() == RolloutStatus.PROGRESSING ? "in_progress" : r.status().name().toLowerCase(Locale.ROOT);
    String reason = r.reason();
    Instant endedAt = r.endedAt();
    if (r.status() == RolloutStatus.PROMOTED) {
      Decisions.RolledBack back = rolledBack(r, decisions);
      if (back != null) {
        status = "rolled_back";
        reason = back.info().reason();
        endedAt = back.info().at();
      }
    }
    boolean ended = r.status() == RolloutStatus.PROMOTED || r.status() == RolloutStatus.ABORTED;
    DeploymentRequest q = started.request();
    return new DeploymentView(r.id(), model, r.toVersion(), q == null ? null : q.environment(),
        r.spec().strategy().name().toLowerCase(Locale.ROOT).replace('_', '-'), status, r.step(), r.newVersionWeight(),
        ended ? status : null, reason, q == null ? null : q.requestedBy(), q == null ? null : q.requestedAt(),
        r.startedAt(), endedAt, started.plan());
  }

  /** The rollout as its ending decision left it, or as it started when none ended it yet. */
  private static Rollout ended(Decisions.RolloutStarted started, List<Decisions.Decision> decisions) {
    Rollout r = started.rollout();
    for (Decisions.Decision d : decisions) {
      if (d instanceof Decisions.RolloutPromoted p && p.rolloutId().equals(r.id())) {
        return copy(r, RolloutStatus.PROMOTED, p.info().at(), p.info().reason());
      }
      if (d instanceof Decisions.RolloutAborted a && a.rolloutId().equals(r.id())) {
        return copy(r, RolloutStatus.ABORTED, a.info().at(), a.info().reason());
      }
    }
    return r;
  }

  private static Rollout copy(Rollout r, RolloutStatus status, Instant endedAt, String reason) {
    return new Rollout(r.id(), r.fromVersion(), r.toVersion(), r.spec(), status, r.step(), r.startedAt(),
        r.stepStartedAt(), endedAt, r.analysis(), reason);
  }

  /** The rollback of the version {@code r} promoted, if one came after. */
  private static Decisions.RolledBack rolledBack(Rollout r, List<Decisions.Decision> decisions) {
    for (Decisions.Decision d : decisions) {
      if (d instanceof Decisions.RolledBack b && b.fromVersion().equals(r.toVersion())
          && r.endedAt() != null && !b.info().at().isBefore(r.endedAt())) {
        return b;
      }
    }
    return null;
  }
}
