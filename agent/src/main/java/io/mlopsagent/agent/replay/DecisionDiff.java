package io.mlopsagent.agent.replay;

import io.mlopsagent.actors.agent.Decisions;
import io.mlopsagent.actors.agent.Decisions.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the candidate's decisions for one model differ from the recorded ones. Two decisions are
 * the same when they are of the same kind (type, and the signal or version it is about) and within
 * the tolerance of each other; each decision matches at most once. Within a kind both lists are in
 * time order and every decision's tolerance is as wide, so matching each recorded decision with the
 * earliest candidate one in reach matches as many as any matching can.
 *
 * @param same pairs of a recorded decision and the candidate's, recorded time order
 */
record DecisionDiff(String model, List<Match> same, List<Decision> onlyRecorded, List<Decision> onlyCandidate) {

  /** A recorded decision the candidate takes too, possibly at another time. */
  record Match(Decision recorded, Decision candidate) {
    /** How much later (negative: earlier) the candidate decides. */
    Duration shift() {
      return Duration.between(recorded.info().at(), candidate.info().at());
    }
  }

  static DecisionDiff of(ModelReplay replay, int toleranceWindows) {
    Duration tolerance = replay.step().multipliedBy(toleranceWindows);
    Map<String, List<Decision>> recorded = byKind(replay.recorded());
    Map<String, List<Decision>> candidate = byKind(replay.candidate().decisions());
    List<Match> same = new ArrayList<>();
    List<Decision> onlyRecorded = new ArrayList<>();
    List<Decision> onlyCandidate = new ArrayList<>();
    for (Map.Entry<String, List<Decision>> e : recorded.entrySet()) {
      List<Decision> r = e.getValue();
      List<Decision> c = candidate.getOrDefault(e.getKey(), List.of());
      int i = 0;
      int j = 0;
      while (i < r.size() && j < c.size()) {
        Instant rAt = r.get(i).info().at();
        Instant cAt = c.get(j).info().at();
        if (cAt.isBefore(rAt.minus(tolerance))) {
          onlyCandidate.add(c.get(j++));
        } else if (cAt.isAfter(rAt.plus(tolerance))) {
          onlyRecorded.add(r.get(i++));
        } else {
          same.add(new Match(r.get(i++), c.get(j++)));
        }
      }
      onlyRecorded.addAll(r.subList(i, r.size()));
      onlyCandidate.addAll(c.subList(j, c.size()));
    }
    candidate.forEach((kind, c) -> {
      if (!recorded.containsKey(kind)) {
        onlyCandidate.addAll(c);
      }
    });
    Comparator<Decision> byTime = Comparator.comparing(d -> d.info().at());
    same.sort(Comparator.comparing(Match::recorded, byTime));
    onlyRecorded.sort(byTime);
    onlyCandidate.sort(byTime);
    return new DecisionDiff(replay.model(), same, onlyRecorded, onlyCandidate);
  }

  /** Whether the candidate decides exactly as recorded, within the tolerance. */
  boolean unchanged() {
    return onlyRecorded.isEmpty() && onlyCandidate.isEmpty();
  }

  /**
   * What a decision is about, for matching and for reading: its type, with the signal of a
   * degradation and the version of a rollout (a rollout of another version is another decision).
   */
  static String kind(Decision d) {
    if (d instanceof Decisions.DegradationDetected dd) {
      return d.type() + " (" + dd.signal().name().toLowerCase(Locale.ROOT) + ")";
    }
    if (d instanceof Decisions.RolloutStarted rs) {
      return d.type() + " (" + rs.rollout().toVersion() + ")";
    }
    if (d instanceof Decisions.RolloutPromoted rp) {
      return d.type() + " (" + rp.version() + ")";
    }
    if (d instanceof Decisions.RolloutAborted ra) {
      return d.type() + " (" + ra.version() + ")";
    }
    return d.type();
  }

  private static Map<String, List<Decision>> byKind(List<Decision> decisions) {
    Map<String, List<Decision>> byKind = new LinkedHashMap<>();
    decisions.stream().sorted(Comparator.comparing(d -> d.info().at()))
        .forEach(d -> byKind.computeIfAbsent(kind(d), k -> new ArrayList<>()).add(d));
    return byKind;
  }
}
