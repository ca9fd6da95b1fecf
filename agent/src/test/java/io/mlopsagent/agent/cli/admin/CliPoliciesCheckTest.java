package io.mlopsagent.agent.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.agent.cli.MainTest;
import io.mlopsagent.agent.cli.MainTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlops-agent policies check}: the agent's own validation, without an agent. */
class CliPoliciesCheckTest {
  @TempDir Path dir;

  /** A file of the repository's conf/, found from the module directory (Maven) or the root (an IDE). */
  private static Path repoConf(String name) {
    return Stream.of(Path.of("..", "conf", name), Path.of("conf", name)).filter(Files::isRegularFile).findFirst()
        .orElseThrow(() -> new AssertionError("conf/" + name + " not found from " + Path.of("").toAbsolutePath()));
  }

  private Path copy(String name) throws Exception {
    return Files.copy(repoConf(name), dir.resolve(Path.of(name).getFileName()));
  }

  @Test
  void thePackagedPoliciesAreValid() throws Exception {
    Result r = MainTest.run("policies", "check", copy("policies.conf").toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().strip()).isEqualTo("ok: 1 policy (default)");
  }

  @Test
  void aFileWithOverridesNamesEveryPolicy() throws Exception {
    Result r = MainTest.run("policies", "check", copy("examples/strict-policies.conf").toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().strip()).isEqualTo("ok: 2 policies (default, sentiment-observe)");
  }

  @Test
  void everyProblemIsNamedWithItsPathValueAndWhatIsAllowed() throws Exception {
    Path file = copy("policies.conf");
    String text = Files.readString(file);
    Files.writeString(file, text.replace("accuracy-drop = 0.05", "accuracy-drop = -1")
        .replace("min-replicas = 1", "min-replicas = many"));

    Result r = MainTest.run("policies", "check", file.toString());

    assertThat(r.code()).isEqualTo(5);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("error: policies file '" + file + "' refused, 2 problems:")
        .contains("policies.default.detection.thresholds.accuracy-drop = -1: expected a fraction above 0, at most 1")
        .contains("policies.default.scaling.min-replicas = \"many\": expected an integer from 1 to 10000");
  }

  @Test
  void aFileThatDoesNotParseOrHoldsNoPoliciesIsRefused() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.conf"), "policies { default { mode = act \n");
    Path other = Files.writeString(dir.resolve("other.conf"), "mlops.http.port = 8080\n");

    Result unparsable = MainTest.run("policies", "check", broken.toString());
    Result noPolicies = MainTest.run("policies", "check", other.toString());

    assertThat(unparsable.code()).isEqualTo(5);
    assertThat(unparsable.err()).contains("cannot be parsed").contains("broken.conf");
    assertThat(noPolicies.code()).isEqualTo(5);
    assertThat(noPolicies.err()).contains("it has no policies { ... } section");
  }

  @Test
  void aMissingFileOrADirectoryIsAUsageErrorNamingIt() {
    Path missing = dir.resolve("nope.conf");

    Result r = MainTest.run("policies", "check", missing.toString());
    Result directory = MainTest.run("policies", "check", dir.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("'" + missing + "' does not exist");
    assertThat(directory.code()).isEqualTo(2);
    assertThat(directory.err()).contains("is not a readable plain file");
  }

  @Test
  void policiesWithoutASubcommandIsAUsageError() {
    Result r = MainTest.run("policies");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("a subcommand is required: check");
  }
}
