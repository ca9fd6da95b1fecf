package io.mlopsagent.agent.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mlopsagent.actors.agent.Decisions.Decision;
import io.mlopsagent.agent.http.JsonViews.DecisionItem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A replay written to a directory: {@code replay.json} for tools (decisions in the shape of the
 * admin API's {@code /api/decisions}), {@code replay.txt} as printed.
 */
public final class ReplayFiles {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private ReplayFiles() {}

  /** The whole replay: what was read, both sides' decisions, the diff per model, the numbers. */
  record Document(String journal, String policy, Instant from, Instant to, int toleranceWindows, int models,
      long windows, double modelHours, String caveat, List<DecisionItem> recorded, List<DecisionItem> candidate,
      List<ModelDiff> diff, List<Note> notReplayable, Map<String, ReplayKpis> kpis) {}

  record ModelDiff(String model, List<Same> same, List<DecisionItem> onlyRecorded, List<DecisionItem> onlyCandidate) {}

  /** @param shiftSeconds how much later the candidate decides (negative: earlier) */
  record Same(String kind, Instant recordedAt, Instant candidateAt, long shiftSeconds) {}

  record Note(String model, Instant at, String text) {}

  /** Writes both files into {@code dir} (which exists) and answers their paths. */
  public static List<Path> write(ReplayReport report, Path dir) throws IOException {
    Path json = dir.resolve("replay.json");
    Path text = dir.resolve("replay.txt");
    JSON.writeValue(json.toFile(), document(report));
    Files.writeString(text, ReplayText.of(report), StandardCharsets.UTF_8);
    return List.of(json, text);
  }

  /** What the terminal shows. */
  public static String text(ReplayReport report) {
    return ReplayText.of(report);
  }

  static Document document(ReplayReport r) {
    List<DecisionItem> recorded = new ArrayList<>();
    List<DecisionItem> candidate = new ArrayList<>();
    List<ModelDiff> diffs = new ArrayList<>();
    List<Note> notes = new ArrayList<>();
    for (int i = 0; i < r.models().size(); i++) {
      ModelReplay m = r.models().get(i);
      DecisionDiff d = r.diffs().get(i);
      recorded.addAll(items(m.model(), m.recorded()));
      candidate.addAll(items(m.model(), m.candidate().decisions()));
      m.candidate().notes().forEach(n -> notes.add(new Note(m.model(), n.at(), n.text())));
      if (!m.recorded().isEmpty() || !m.candidate().decisions().isEmpty()) {
        List<Same> same = d.same().stream().map(s -> new Same(DecisionDiff.kind(s.recorded()),
            s.recorded().info().at(), s.candidate().info().at(), s.shift().toSeconds())).toList();
        diffs.add(new ModelDiff(m.model(), same, items(m.model(), d.onlyRecorded()),
            items(m.model(), d.onlyCandidate())));
      }
    }
    Map<String, ReplayKpis> kpis = new LinkedHashMap<>();
    kpis.put("recorded", r.recorded());
    kpis.put("candidate", r.candidate());
    return new Document(r.journal(), r.policy(), r.range().from(), r.range().to(), r.toleranceWindows(),
        r.models().size(), r.windows(), r.modelHours(),
        "the candidate's actions have no effect on the recorded metrics: it sees the windows the agent saw",
        recorded, candidate, diffs, notes, kpis);
  }

  private static List<DecisionItem> items(String model, List<Decision> decisions) {
    return decisions.stream().map(d -> DecisionItem.of(model, d)).toList();
  }
}
