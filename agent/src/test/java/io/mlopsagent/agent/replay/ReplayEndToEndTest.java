package io.mlopsagent.agent.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlopsagent.agent.cli.MainTest;
import io.mlopsagent.agent.daemon.TestDaemons;
import io.mlopsagent.persistence.DatabaseTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlops-agent replay} on a journal the daemon really wrote: a fleet with the demo's faults,
 * in accelerated time, until every kind of adaptation is journaled. The shipped policy replays to
 * the same decisions; a stricter one adapts less; neither changes a byte of the journal.
 */
class ReplayEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SHIPPED = Path.of("..", "conf", "policies.conf");
  private static final Path STRICT = Path.of("..", "conf", "examples", "strict-policies.conf");

  @TempDir static Path dataDir;
  @TempDir Path outDir;

  @BeforeAll
  static void recordAJournal() {
    RecordedJournals.record(TestDaemons.config(dataDir, 10));
  }

  @Test
  void theShippedPolicyReplaysToTheRecordedDecisions() throws Exception {
    MainTest.Result r = replay("--policy", SHIPPED.toString(), "--out", outDir.toString());

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode report = JSON.readTree(outDir.resolve("replay.json").toFile());
    assertThat(report.get("recorded").size()).isGreaterThanOrEqualTo(RecordedJournals.EVERY_ADAPTATION.size());
    for (JsonNode model : report.get("diff")) {
      assertThat(model.get("onlyRecorded")).as(model.toString()).isEmpty();
      assertThat(model.get("onlyCandidate")).as(model.toString()).isEmpty();
    }
    assertThat(report.get("kpis").get("candidate").get("byType"))
        .isEqualTo(report.get("kpis").get("recorded").get("byType"));
    assertThat(r.out()).contains("0 recorded decision(s) the candidate would not take, 0 it would take");
  }

  @Test
  void aStricterPolicyAdaptsLessAndTheDiffSaysWhere() throws Exception {
    MainTest.Result r = replay("--policy", STRICT.toString(), "--out", outDir.toString());

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode report = JSON.readTree(outDir.resolve("replay.json").toFile());
    JsonNode recorded = report.get("kpis").get("recorded");
    JsonNode candidate = report.get("kpis").get("candidate");
    assertThat(candidate.get("adaptations").asInt()).isLessThan(recorded.get("adaptations").asInt());
    assertThat(candidate.get("byType").get("degradation_detected").asInt())
        .isLessThan(recorded.get("byType").get("degradation_detected").asInt());
    List<JsonNode> onlyRecorded = new ArrayList<>();
    List<JsonNode> onlyCandidate = new ArrayList<>();
    report.get("diff").forEach(m -> {
      m.get("onlyRecorded").forEach(onlyRecorded::add);
      m.get("onlyCandidate").forEach(onlyCandidate::add);
    });
    // Stricter: decisions go away, none appear; the observed sentiment models keep theirs to themselves.
    assertThat(onlyRecorded).isNotEmpty();
    assertThat(onlyCandidate).isEmpty();
    assertThat(onlyRecorded).anySatisfy(d -> {
      assertThat(d.get("model").asText()).isEqualTo("sentiment-006");
      assertThat(d.get("type").asText()).isEqualTo("scaled_in");
    });
    assertThat(report.get("candidate")).noneSatisfy(d -> assertThat(d.get("model").asText()).startsWith("sentiment-"));
    assertThat(r.out()).contains("sentiment-006:").contains("- ").contains("scaled_in")
        .contains("adaptations per 1000 model-hours");
    assertThat(Files.readString(outDir.resolve("replay.txt"))).contains("sentiment-006:");
  }

  @Test
  void leavesTheJournalAsItWas() throws Exception {
    List<Long> rowsBefore = rowCounts();
    String before = sha256(journalFile());

    MainTest.Result r = replay("--policy", STRICT.toString(), "--models", "*-00?", "--from",
        TestDaemons.START.plus(Duration.ofMinutes(5)).toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(sha256(journalFile())).isEqualTo(before);
    assertThat(rowCounts()).isEqualTo(rowsBefore);
    try (var files = Files.list(dataDir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("mlops-journal.mv.db");
    }
  }

  private MainTest.Result replay(String... args) {
    List<String> all = new ArrayList<>(List.of("replay", "--data", dataDir.toString()));
    all.addAll(List.of(args));
    return MainTest.run(all.toArray(String[]::new));
  }

  private static Path journalFile() {
    return new DatabaseTarget.H2File(dataDir).file();
  }

  private static List<Long> rowCounts() throws SQLException {
    return RecordedJournals.rowCounts(new DatabaseTarget.H2File(dataDir).readOnlyJdbcUrl(), "sa");
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
