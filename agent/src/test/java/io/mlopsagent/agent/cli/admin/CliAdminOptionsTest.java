package io.mlopsagent.agent.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Where the server URL and the token come from, with the environment given by the test. */
class CliAdminOptionsTest {
  private final CommandSpec spec = new CommandLine(new StatusCommand()).getCommandSpec();

  private static UnaryOperator<String> env(Map<String, String> vars) {
    return vars::get;
  }

  @Test
  void theServerIsTheOptionElseTheEnvironmentElseTheLocalDefault() {
    Map<String, String> vars = Map.of("MLOPS_SERVER", "https://mlops.example.com/");

    assertThat(AdminOptions.server(spec, "http://10.0.0.5:9090", env(vars))).hasToString("http://10.0.0.5:9090");
    assertThat(AdminOptions.server(spec, null, env(vars))).hasToString("https://mlops.example.com");
    assertThat(AdminOptions.server(spec, null, env(Map.of()))).hasToString("http://127.0.0.1:8080");
    // Behind a proxy at a path: the API paths go after it.
    assertThat(AdminOptions.server(spec, "HTTP://proxy:80/mlops//", env(Map.of())))
        .hasToString("http://proxy:80/mlops");
  }

  @Test
  void onlyPlainHttpAndHttpsBaseUrlsAreAccepted() {
    assertThatThrownBy(() -> AdminOptions.server(spec, "file:///etc/passwd", env(Map.of())))
        .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("only http:// and https://");
    assertThatThrownBy(() -> AdminOptions.server(spec, "127.0.0.1:8080", env(Map.of())))
        .hasMessageContaining("only http:// and https://");
    assertThatThrownBy(() -> AdminOptions.server(spec, "http://", env(Map.of())))
        .hasMessageContaining("'http://'");
    assertThatThrownBy(() -> AdminOptions.server(spec, "http://a b", env(Map.of())))
        .hasMessageContaining("it is not a URL");
    assertThatThrownBy(() -> AdminOptions.server(spec, "http://h:1/?x=1", env(Map.of())))
        .hasMessageContaining("no query or fragment");
    assertThatThrownBy(() -> AdminOptions.server(spec, null, env(Map.of("MLOPS_SERVER", "gopher://h"))))
        .hasMessageContaining("Invalid value for $MLOPS_SERVER");
  }

  @Test
  void aPasswordInTheServerUrlIsRefusedWithoutBeingShown() {
    assertThatThrownBy(() -> AdminOptions.server(spec, "http://admin:hunter2@h:8080", env(Map.of())))
        .hasMessageContaining("no user or password in the URL").hasMessageNotContaining("hunter2");
  }

  @Test
  void theTokenFileWinsOverTheEnvironmentAndIsTrimmed(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "from-file\n");
    Map<String, String> vars = Map.of("MLOPS_ADMIN_TOKEN", " from-env ");

    assertThat(AdminOptions.token(spec, file.toString(), env(vars))).isEqualTo("from-file");
    assertThat(AdminOptions.token(spec, null, env(vars))).isEqualTo("from-env");
    assertThat(AdminOptions.token(spec, null, env(Map.of()))).isNull();
    assertThat(AdminOptions.token(spec, null, env(Map.of("MLOPS_ADMIN_TOKEN", "  ")))).isNull();
  }

  @Test
  void aTokenAHeaderCannotCarryIsRefusedWithoutBeingShown(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "secret part\nsecond line");

    assertThatThrownBy(() -> AdminOptions.token(spec, file.toString(), env(Map.of())))
        .hasMessageContaining("holds spaces or control characters").hasMessageNotContaining("secret");
    assertThatThrownBy(() -> AdminOptions.token(spec, null, env(Map.of("MLOPS_ADMIN_TOKEN", "secret\u0007x"))))
        .hasMessageContaining("$MLOPS_ADMIN_TOKEN").hasMessageNotContaining("secret");
  }

  @Test
  void aTokenFileMustBeAPlainNonEmptyFile(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), "\n");

    assertThatThrownBy(() -> AdminOptions.token(spec, dir.toString(), env(Map.of())))
        .hasMessageContaining("is not a readable plain file");
    assertThatThrownBy(() -> AdminOptions.token(spec, empty.toString(), env(Map.of())))
        .hasMessageContaining("'" + empty + "' is empty");
    assertThatThrownBy(() -> AdminOptions.token(spec, "bad\u0000name", env(Map.of())))
        .hasMessageContaining("is not a file name");
  }
}
