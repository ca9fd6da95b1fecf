package io.mlopsagent.agent.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The repository's Kubernetes manifests as {@code kubectl apply -k} would send them, for tests.
 * kubectl and promtool are required, not optional: a test that skips without them would pass on a
 * machine that checks nothing. scripts/install-test-deps.sh installs or explains them.
 */
final class Manifests {
  // Tests run in the agent module's directory; the manifests live at the repository root.
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final long COMMAND_SECONDS = 60;
  private static final Map<String, List<HasMetadata>> RENDERED = new ConcurrentHashMap<>();

  private Manifests() {}

  /** {@code kubectl kustomize DIR} from the repository root, parsed; rendered once per directory. */
  static List<HasMetadata> render(String dir) {
    Path kubectl = required("kubectl", "kubectl 1.22 or newer (its kustomize reads the overlays' `labels`)");
    return RENDERED.computeIfAbsent(dir, d -> {
      try {
        Output out = exec(List.of(kubectl.toString(), "kustomize", d));
        assertThat(out.code()).as("kubectl kustomize %s: %s", d, out.stderr()).isZero();
        return parse(out.stdout());
      } catch (Exception e) {
        throw new AssertionError("kubectl kustomize " + d + ": " + e, e);
      }
    });
  }

  /** The objects of a multi-document YAML stream. */
  static List<HasMetadata> parse(String yaml) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String doc : yaml.split("(?m)^---\\s*$")) {
      if (!doc.isBlank()) {
        objects.add(Serialization.unmarshal(doc, HasMetadata.class));
      }
    }
    return objects;
  }

  /** The one object of {@code type}. */
  static <T> T only(List<HasMetadata> objects, Class<T> type) {
    List<T> matching = objects.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(matching).as("%s objects", type.getSimpleName()).hasSize(1);
    return matching.get(0);
  }

  /** A program on the PATH; fails the test, saying how to get it, when it is not there. */
  static Path required(String program, String what) {
    Path found = onPath(program);
    if (found == null) {
      fail("%s is not on the PATH: this test needs %s. Run scripts/install-test-deps.sh (as root), which installs"
          + " it or says how to.", program, what);
    }
    return found;
  }

  record Output(int code, String stdout, String stderr) {}

  /** Runs a command in the repository root, output to files (no pipe to fill), bounded in time. */
  static Output exec(List<String> command) throws Exception {
    Path out = Files.createTempFile("exec", ".out");
    Path err = Files.createTempFile("exec", ".err");
    try {
      Process p = new ProcessBuilder(command).directory(ROOT.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("%s did not finish within %d s", command, COMMAND_SECONDS);
      }
      return new Output(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static Path onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    return Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, program))
        .filter(Files::isExecutable).findFirst().orElse(null);
  }
}
