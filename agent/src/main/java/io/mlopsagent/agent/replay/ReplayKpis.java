package io.mlopsagent.agent.replay;

import io.mlopsagent.actors.agent.Decisions.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The numbers that say how a policy behaves over the replayed fleet, for one side (recorded or
 * candidate). An adaptation is a decision that changes, or asks to change, what serves: a rollout
 * started, a rollback, a scaling, a retraining request (a rollout's steps, promotion and abort are
 * its progress, not new adaptations). An episode opens at a model's degradation and closes at its
 * next adaptation; its time to action runs from the first degradation to that adaptation.
 *
 * @param byType decisions by type, every type of the journal API present (0 when none)
 * @param adaptations adaptations, carried out or only recommended
 * @param recommendedOnly adaptations of a policy in mode recommend: journaled, not carried out
 * @param meanTimeToAction mean time to action over the episodes that got one, {@code null} if none
 * @param episodesWithoutAction episodes no adaptation followed within the replay
 */
record ReplayKpis(
    int decisions,
    Map<String, Integer> byType,
    int adaptations,
    int recommendedOnly,
    double adaptationsPer1000ModelHours,
    Duration meanTimeToAction,
    int episodes,
    int episodesWithoutAction) {

  /** Every decision type, in the order a reader follows an incident. */
  static final List<String> TYPES = List.of("degradation_detected", "rollout_started", "canary_step_passed",
      "rollout_promoted", "rollout_aborted", "paused_inconclusive", "rolled_back", "scaled_out", "scaled_in",
      "retraining_requested");
  static final Set<String> ADAPTATIONS =
      Set.of("rollout_started", "rolled_back", "scaled_out", "scaled_in", "retraining_requested");
  private static final String DEGRADATION = "degradation_detected";

  /**
   * @param decisionsOf the side's decisions of a model, oldest first
   * @param modelHours observation time replayed, summed over the models
   */
  static ReplayKpis of(List<ModelReplay> models, Function<ModelReplay, List<Decision>> decisionsOf, double modelHours) {
    Map<String, Integer> byType = new LinkedHashMap<>();
    TYPES.forEach(t -> byType.put(t, 0));
    int decisions = 0;
    int adaptations = 0;
    int recommendedOnly = 0;
    int episodes = 0;
    int unanswered = 0;
    Duration toAction = Duration.ZERO;
    for (ModelReplay model : models) {
      Instant open = null;
      for (Decision d : decisionsOf.apply(model)) {
        decisions++;
        byType.merge(d.type(), 1, Integer::sum);
        if (DEGRADATION.equals(d.type()) && open == null) {
          open = d.info().at();
          episodes++;
        } else if (ADAPTATIONS.contains(d.type())) {
          adaptations++;
          recommendedOnly += d.info().actuated() ? 0 : 1;
          if (open != null) {
            toAction = toAction.plus(Duration.between(open, d.info().at()));
            open = null;
          }
        }
      }
      unanswered += open == null ? 0 : 1;
    }
    int answered = episodes - unanswered;
    return new ReplayKpis(decisions, byType, adaptations, recommendedOnly,
        modelHours <= 0 ? 0 : adaptations * 1000.0 / modelHours,
        answered == 0 ? null : toAction.dividedBy(answered), episodes, unanswered);
  }

  int count(String type) {
    return byType.getOrDefault(type, 0);
  }
}
