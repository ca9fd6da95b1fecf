package io.mlopsagent.agent.replay;

import io.mlopsagent.actors.agent.Decisions.Decision;
import java.time.Duration;
import java.util.List;

/**
 * A replay's outcome: per model the recorded and the candidate's decisions and how they differ, and
 * the fleet's numbers both ways.
 *
 * @param journal the journal read, as an operator names it
 * @param policy the candidate policy file, resolved
 * @param journaledModels models the journal has, whether selected or not
 */
public record ReplayReport(String journal, String policy, List<ModelReplay> models, int journaledModels,
    TimeRange range, int toleranceWindows, List<DecisionDiff> diffs, ReplayKpis recorded, ReplayKpis candidate) {

  ReplayReport(String journal, String policy, List<ModelReplay> models, int journaledModels, TimeRange range,
      int toleranceWindows) {
    this(journal, policy, models, journaledModels, range, toleranceWindows,
        models.stream().map(m -> DecisionDiff.of(m, toleranceWindows)).toList(),
        ReplayKpis.of(models, ModelReplay::recorded, modelHours(models)),
        ReplayKpis.of(models, m -> m.candidate().decisions(), modelHours(models)));
  }

  public ReplayReport {
    models = List.copyOf(models);
    diffs = List.copyOf(diffs);
  }

  /** Observation time replayed, summed over the models, in hours. */
  public double modelHours() {
    return modelHours(models);
  }

  public long windows() {
    return models.stream().mapToLong(m -> m.candidate().windows()).sum();
  }

  /** Decisions the candidate takes differently: recorded only plus candidate only. */
  public int changedDecisions() {
    return diffs.stream().mapToInt(d -> d.onlyRecorded().size() + d.onlyCandidate().size()).sum();
  }

  /** Recorded decisions the candidate would not take (within the tolerance). */
  public List<Decision> onlyRecorded() {
    return diffs.stream().flatMap(d -> d.onlyRecorded().stream()).toList();
  }

  /** Decisions the candidate would take that the agent did not. */
  public List<Decision> onlyCandidate() {
    return diffs.stream().flatMap(d -> d.onlyCandidate().stream()).toList();
  }

  private static double modelHours(List<ModelReplay> models) {
    return models.stream().map(ModelReplay::observed).reduce(Duration.ZERO, Duration::plus).toSeconds() / 3600.0;
  }
}
