package io.mlopsagent.agent.replay;

import io.mlopsagent.actors.agent.Decisions;
import io.mlopsagent.actors.agent.Decisions.Decision;
import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.policy.ModelGlob;
import io.mlopsagent.actors.policy.PolicyBook;
import io.mlopsagent.persistence.DatabaseTarget;
import io.mlopsagent.persistence.JournalReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mlops-agent replay}: a candidate policy tried on the agent's own history. Each model's
 * recording is read from the journal and fed through the candidate, one model at a time, so only
 * decisions are kept in memory; nothing is written anywhere and nothing is acted on.
 */
public final class Replay {
  private static final String PREFIX = ModelAgent.ENTITY_KEY.name() + "|";

  private Replay() {}

  /**
   * What to replay and how.
   *
   * @param journal the journal to read, opened read-only
   * @param policies the candidate policies
   * @param policyFile where they were read from
   * @param models the models to replay
   * @param from the first observation time replayed, {@code null} for the start
   * @param to the last observation time replayed, {@code null} for the end
   * @param toleranceWindows how many windows apart two decisions may be and still count as the same
   * @param summaryWindows the entity's mlops.agent.summary-windows (its state needs them)
   */
  public record Settings(DatabaseTarget journal, Duration connectTimeout, PolicyBook policies, Path policyFile,
      ModelGlob models,
      Instant from, Instant to, int toleranceWindows, int summaryWindows) {}

  /**
   * Replays every model the settings select.
   *
   * @throws io.mlopsagent.persistence.DatabaseUnavailableException when the journal cannot be read
   */
  public static ReplayReport run(Settings settings) {
    TimeRange range = new TimeRange(settings.from(), settings.to());
    try (Recording recording = Recording.open(settings.journal(), settings.connectTimeout())) {
      JournalReader reader = recording.reader();
      List<ModelReplay> models = new ArrayList<>();
      int journaled = 0;
      for (String id : reader.persistenceIds(PREFIX)) {
        String name = id.substring(PREFIX.length());
        journaled++;
        if (ModelName.isValid(name) && settings.models().matches(name)) {
          models.add(replay(reader, id, ModelName.of(name), settings, range));
        }
      }
      return new ReplayReport(settings.journal().describe(), settings.policyFile().toString(), models, journaled,
          range, settings.toleranceWindows());
    }
  }

  private static ModelReplay replay(JournalReader reader, String id, ModelName model, Settings settings,
      TimeRange range) {
    List<Decision> all = new ArrayList<>();
    reader.tagged(id, Decisions.TAG).forEach(e -> {
      if (e.event() instanceof Decision d) {
        all.add(d);
      }
    });
    CandidateModel candidate = new CandidateModel(model, settings.policies(), RecordedRegistry.of(model, all), range,
        settings.summaryWindows());
    reader.events(id, e -> candidate.offer(e.event()));
    List<Decision> recorded = all.stream().filter(d -> range.contains(d.info().at())).toList();
    return new ModelReplay(model.value(), recorded, candidate.result());
  }
}
