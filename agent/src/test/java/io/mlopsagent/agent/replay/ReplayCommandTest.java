package io.mlopsagent.agent.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.agent.cli.MainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every option of {@code replay} checked at the edge: exit 2, with the option, the value and what is allowed. */
class ReplayCommandTest {
  private static final String POLICY = Path.of("..", "conf", "policies.conf").toString();

  @TempDir Path dir;

  @Test
  void needsExactlyOneJournal() {
    assertThat(MainTest.run("replay", "--policy", POLICY).err()).contains("--data").contains("--db-url");
    MainTest.Result both = MainTest.run("replay", "--data", dir.toString(), "--db-url", "jdbc:postgresql://h/db",
        "--policy", POLICY);
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");
  }

  @Test
  void refusesADataDirectoryWithoutAJournalAndSaysWhereItLooked() throws Exception {
    Files.createDirectory(dir.resolve("sub"));
    MainTest.Result r = MainTest.run("replay", "--data", dir.resolve("sub/..").toString(), "--policy", POLICY);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("'--data'").contains("(resolved: " + dir.toRealPath() + ")")
        .contains("holds no journal (no mlops-journal.mv.db)");
  }

  @Test
  void listsEveryProblemOfAPolicyFileThatDoesNotValidate() throws Exception {
    Files.createFile(dir.resolve("mlops-journal.mv.db"));
    Path policy = Files.writeString(dir.resolve("bad.conf"),
        "policies.default.mode = sometimes\npolicies.default.detection.thresholds.cpu-low = 2\n");

    MainTest.Result r = MainTest.run("replay", "--data", dir.toString(), "--policy", policy.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("'--policy'").contains("2 problems")
        .contains("policies.default.mode = \"sometimes\"")
        .contains("policies.default.detection.thresholds.cpu-low = 2");
  }

  @Test
  void refusesBadValuesNamingTheOptionAndTheRule() {
    String data = dir.toString();
    assertRefused("'--from'", "is after --to", "--data", data, "--policy", POLICY,
        "--from", "2026-11-28T00:00:00Z", "--to", "2026-11-27T00:00:00Z");
    assertRefused("'--from'", "not an ISO-8601 instant", "--data", data, "--policy", POLICY, "--from", "yesterday");
    assertRefused("'--models'", "a glob of letters", "--data", data, "--policy", POLICY, "--models", "a/b");
    assertRefused("'--policy'", "is not a readable plain file", "--data", data, "--policy", data);
    assertRefused("'--db-url'", "jdbc:postgresql://HOST:PORT/DB", "--db-url", "mysql://x", "--policy", POLICY);
    assertRefused("'--tolerance'", "expected 0 to 1000", "--data", data, "--policy", POLICY, "--tolerance", "-1");
  }

  @Test
  void anUnreachableDatabaseFailsWithExitOne() {
    MainTest.Result r = MainTest.run("replay", "--db-url", "jdbc:postgresql://127.0.0.1:1/none", "--policy", POLICY);

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("cannot open database").contains("read-only");
  }

  private static void assertRefused(String option, String rule, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "replay";
    System.arraycopy(args, 0, all, 1, args.length);
    MainTest.Result r = MainTest.run(all);
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(option).contains(rule);
  }
}
