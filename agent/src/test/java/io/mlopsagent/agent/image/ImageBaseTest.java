package io.mlopsagent.agent.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base of the container image, built by {@code k8s/image/build-base.sh} as the image build
 * ({@code mvn -Pimage}) builds it: a {@code docker save} archive Jib can start from, with a
 * non-root user, a JRE holding every module the agent's code and libraries use, and that JRE
 * running the agent as that user, chrooted into the base (when the tests run as root). Jib's
 * part, the layers on top and the entrypoint, is configured in agent/pom.xml and not built here.
 */
@Tag("slow")
class ImageBaseTest {
  // Tests run in the agent module's directory; the script lives at the repository root.
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path JDK = Path.of(System.getenv().getOrDefault("IMAGE_JDK", "/usr/lib/jvm/java-17-openjdk-amd64"));
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static Path archive;
  private static Path rootfs;
  private static List<String> layerListing;

  @BeforeAll
  static void buildTheBase() throws Exception {
    Path tar = dir.resolve("base.tar");
    run(Duration.ofMinutes(3), "bash", ROOT.resolve("k8s/image/build-base.sh").toString(), tar.toString());
    archive = Files.createDirectories(dir.resolve("archive"));
    run(Duration.ofMinutes(1), "tar", "-xf", tar.toString(), "-C", archive.toString());
    rootfs = Files.createDirectories(dir.resolve("rootfs"));
    run(Duration.ofMinutes(1), "tar", "-xpf", archive.resolve("layer.tar").toString(), "-C", rootfs.toString(),
        "--numeric-owner");
    layerListing = run(Duration.ofMinutes(1), "tar", "-tvf", archive.resolve("layer.tar").toString()).lines().toList();
  }

  @Test
  void isAnArchiveThatJibCanStartFrom() throws Exception {
    JsonNode manifest = JSON.readTree(archive.resolve("manifest.json").toFile()).get(0);
    JsonNode config = JSON.readTree(archive.resolve(manifest.get("Config").asText()).toFile());

    assertThat(manifest.get("Layers")).hasSize(1);
    Path layer = archive.resolve(manifest.get("Layers").get(0).asText());
    assertThat(config.at("/rootfs/diff_ids/0").asText()).isEqualTo("sha256:" + sha256(layer));
    assertThat(config.at("/rootfs/diff_ids")).hasSize(1);
    assertThat(config.get("architecture").asText()).isEqualTo("amd64");
    assertThat(config.get("os").asText()).isEqualTo("linux");
    assertThat(config.at("/config/Env").toString()).contains("PATH=/opt/java/bin:", "LANG=C.UTF-8");
    assertThat(rootfs.resolve("opt/java/bin/java")).isExecutable();
  }

  @Test
  void hasTheNonRootUserMlopsWhoOwnsOnlyItsOwnDirectories() throws Exception {
    assertThat(Files.readAllLines(rootfs.resolve("etc/passwd"))).anyMatch(l -> l.startsWith("mlops:x:1000:1000:"));
    assertThat(Files.readAllLines(rootfs.resolve("etc/group"))).contains("mlops:x:1000:");

    // "drwxr-xr-x 1000/1000 0 1970-01-01 00:00 var/lib/mlops/": mode, owner, ..., name
    List<String[]> entries = layerListing.stream().map(l -> l.trim().split("\\s+")).toList();
    Set<String> ownedByMlops = entries.stream().filter(e -> e[1].equals("1000/1000")).map(e -> e[5])
        .collect(Collectors.toSet());
    assertThat(ownedByMlops).containsExactlyInAnyOrder("home/mlops/", "var/lib/mlops/");
    assertThat(entries).allMatch(e -> e[1].equals("0/0") || e[1].equals("1000/1000"));
    assertThat(entries).filteredOn(e -> e[5].equals("tmp/")).singleElement()
        .satisfies(e -> assertThat(e[0]).isEqualTo("drwxrwxrwt"));
  }

  @Test
  void itsJreHasEveryModuleTheAgentAndItsLibrariesUse() throws Exception {
    // The same question as the script's comment, asked of every jar and class directory the agent
    // runs with (the test classpath's, less the tests: its libraries need no module more).
    List<String> command = new ArrayList<>(List.of(JDK.resolve("bin/jdeps").toString(), "--multi-release", "17",
        "--ignore-missing-deps", "--print-module-deps"));
    command.addAll(classpath().stream().filter(p -> !p.endsWith("test-classes")).map(Path::toString).toList());
    String out = run(Duration.ofMinutes(3), command.toArray(String[]::new));
    Set<String> needed = new TreeSet<>(Arrays.asList(out.lines().reduce((a, b) -> b).orElseThrow().trim().split(",")));

    // jlink writes the image's modules into its release file: MODULES="java.base java.logging ..."
    String modulesLine = Files.readAllLines(rootfs.resolve("opt/java/release")).stream()
        .filter(l -> l.startsWith("MODULES=")).findFirst().orElseThrow();
    Set<String> inTheJre = Set.of(modulesLine.substring("MODULES=".length()).replace("\"", "").trim().split("\\s+"));

    assertThat(inTheJre).as("modules of the image's JRE; add what is missing to build-base.sh").containsAll(needed);
  }

  @Test
  void runsTheAgentAsMlopsChrootedIntoTheBase() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "chroot needs root");
    // What Jib adds on top, roughly: the agent's classpath under /app.
    Path app = Files.createDirectories(rootfs.resolve("app"));
    List<String> cp = new ArrayList<>();
    int n = 0;
    for (Path entry : classpath()) {
      Path target = app.resolve(n++ + "-" + entry.getFileName());
      run(Duration.ofMinutes(1), "cp", "-r", entry.toString(), target.toString());
      cp.add("/" + rootfs.relativize(target));
    }
    // What a container runtime provides: /proc (mounted by unshare) and the usual devices.
    Files.createDirectories(rootfs.resolve("proc"));
    Path dev = Files.createDirectories(rootfs.resolve("dev"));
    for (String[] node : new String[][] {{"null", "3"}, {"zero", "5"}, {"random", "8"}, {"urandom", "9"}}) {
      run(Duration.ofSeconds(10), "mknod", "-m", "666", dev.resolve(node[0]).toString(), "c", "1", node[1]);
    }

    // env -i leaves the image's environment only; unshare is named by path, PATH being the image's.
    String out = run(Duration.ofMinutes(2), "env", "-i", "PATH=/opt/java/bin", "LANG=C.UTF-8",
        "/usr/bin/unshare", "--mount", "--pid", "--fork", "--mount-proc=/proc", "--root=" + rootfs, "--wd=/var/lib/mlops",
        "--setuid=1000", "--setgid=1000",
        "java", "-XX:MaxRAMPercentage=75", "-cp", String.join(":", cp), "io.mlopsagent.agent.Main",
        "demo", "--models", "5", "--duration", "6s", "--port", "0");

    assertThat(out).contains("ran ", "history kept in H2 file /var/lib/mlops/data/mlops-journal.mv.db");
    Path journal = rootfs.resolve("var/lib/mlops/data/mlops-journal.mv.db");
    assertThat(Files.getAttribute(journal, "unix:uid")).as("owner of the journal").isEqualTo(1000);
  }

  private static List<Path> classpath() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(Path::of).filter(Files::exists).toList();
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int r; (r = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, r);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Runs a command to its end and answers its output (stdout and stderr); fails on a non-zero exit. */
  private static String run(Duration timeout, String... command) throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "command", ".log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("timed out after " + timeout + ": " + String.join(" ", command) + "\n" + Files.readString(log));
    }
    String out = Files.readString(log);
    assertThat(p.exitValue()).as("exit code of %s; output:%n%s", String.join(" ", command), out).isZero();
    return out;
  }
}
