package io.mlopsagent.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mlopsagent.agent.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line's exit codes and messages, run in-process. */
public class MainTest {

  public record Result(int code, String out, String err) {}

  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void helpExitsZeroAndListsTheCommands() {
    Result r = run("--help");

    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: mlops-agent").contains("demo");
  }

  @Test
  void versionExitsZeroAndNamesTheVersionAndLicence() {
    Result r = run("--version");

    assertThat(r.code()).isZero();
    assertThat(r.out()).containsPattern("mlops-agent \\d+\\.\\d+\\.\\d+").contains("GPL-3.0-or-later");
  }

  @Test
  void demoHelpDescribesItsOptions() {
    Result r = run("demo", "--help");

    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("--models").contains("--duration").contains("--port").contains("--data")
        .contains("--speed");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "--bogus | Unknown option: '--bogus'",
    "'' | a command is required",
    "demo --models abc | '--models'",
    "demo --models 0 | '--models': 0 is out of range",
    "demo --port 70000 | '--port'",
    "demo --speed -1 | '--speed'",
    "demo --duration 0s | '--duration'",
    "demo --duration soon | not a duration",
    "demo --unknown | Unknown option: '--unknown'",
  })
  void badCommandLinesPrintUsageAndExitTwo(String args, String message) {
    Result r = run(args.isBlank() ? new String[0] : args.split(" "));

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(message).contains("Usage:");
  }

  @Test
  void aMissingConfigFileIsABadCommandLine(@TempDir Path dir) {
    Result r = run("demo", "--config", dir.resolve("nope.conf").toString(), "--data", dir.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("nope.conf").contains("does not exist");
  }

  @Test
  void aBadValueInTheConfigFileNamesTheKey(@TempDir Path dir) throws Exception {
    Path conf = Files.writeString(dir.resolve("bad.conf"), "mlops.agent.snapshot-every = 0\n");

    Result r = run("demo", "--config", conf.toString(), "--data", dir.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("mlops.agent.snapshot-every = 0");
  }

  @Test
  void anUnreachableDatabaseFailsWithinThirtySecondsNamingIt(@TempDir Path dir) {
    Result r = assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
        run("demo", "--db-url", "jdbc:postgresql://127.0.0.1:1/none", "--port", "0", "--data", dir.toString()));

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip()).startsWith("error: cannot reach database jdbc:postgresql://127.0.0.1:1/none")
        .doesNotContain("\tat ");
  }

  @Test
  void aShortDemoRunsAndExitsZero(@TempDir Path dir) {
    Result r = run("demo", "--duration", "3s", "--port", "0", "--models", "3", "--speed", "600",
        "--data", dir.resolve("data").toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(dir.resolve("data/mlops-journal.mv.db")).exists();
  }
}
