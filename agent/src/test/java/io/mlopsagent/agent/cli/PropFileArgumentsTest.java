package io.mlopsagent.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.agent.cli.FileArguments.Expects;
import io.mlopsagent.agent.cli.FileArguments.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Every command-line option that names a file or a directory, given {@code ../} paths, paths to
 * nothing, to directories where files belong and files where directories belong, NUL bytes, very
 * long names, /dev/zero, a named pipe, a symlink loop, a fake shadow file: a path that cannot be
 * used is a usage error (exit 2) naming the option and the value, never a stack trace; a usable
 * one works; and whatever happens, nothing is written outside the output directory given.
 */
class PropFileArgumentsTest {
  /** One option under test: the arguments around the hostile value, and where the command may write. */
  record Target(String name, String option, Expects expects, String good, Function<String, List<String>> args,
      String writesTo) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final EnumSet<Kind> NEVER_FOR_OUTPUT = EnumSet.of(Kind.EMPTY, Kind.UP_TO_ETC);
  private static FileArguments fx;
  private static List<Target> targets;
  private static ExecutorService runner;

  @BeforeContainer
  static void lay() throws IOException {
    fx = new FileArguments();
    runner = Executors.newSingleThreadExecutor();
    String r = fx.root.toString();
    String policies = r + "/policies.conf";
    String labels = r + "/labels.json";
    String nab = r + "/nab";
    String scenario = r + "/scenario.conf";
    // A journal to replay and results to score, made by the commands themselves.
    assertThat(MainTest.run("migrate", "--data", r + "/journal").code()).isZero();
    assertThat(MainTest.run("nab", "--data", nab, "--labels", labels, "--out", r + "/results").code()).isZero();
    targets = List.of(
        new Target("policies check FILE", "FILE", Expects.FILE, "policies.conf",
            v -> List.of("policies", "check", v), null),
        new Target("status --token-file", "--token-file", Expects.FILE, "token", v -> List.of("status", "--server",
            "http://127.0.0.1:1", "--timeout", "1s", "--token-file", v), null),
        new Target("migrate --config", "--config", Expects.FILE, "agent.conf",
            v -> List.of("migrate", "--data", r + "/mdata", "--config", v), r + "/mdata"),
        new Target("migrate --policies", "--policies", Expects.FILE, "policies.conf",
            v -> List.of("migrate", "--data", r + "/mdata", "--policies", v), r + "/mdata"),
        new Target("migrate --data", "--data", Expects.OUTPUT_DIR, "data", v -> List.of("migrate", "--data", v), null),
        new Target("replay --data", "--data", Expects.INPUT_DIR, "journal",
            v -> List.of("replay", "--data", v, "--policy", policies), null),
        new Target("replay --policy", "--policy", Expects.FILE, "policies.conf",
            v -> List.of("replay", "--data", r + "/journal", "--policy", v), null),
        new Target("replay --out", "--out", Expects.OUTPUT_DIR, "replay-out",
            v -> List.of("replay", "--data", r + "/journal", "--policy", policies, "--out", v), null),
        new Target("nab --data", "--data", Expects.INPUT_DIR, "nab",
            v -> List.of("nab", "--data", v, "--labels", labels, "--out", r + "/nab-out"), r + "/nab-out"),
        new Target("nab --labels", "--labels", Expects.FILE, "labels.json",
            v -> List.of("nab", "--data", nab, "--labels", v, "--out", r + "/nab-out"), r + "/nab-out"),
        new Target("nab --out", "--out", Expects.OUTPUT_DIR, "nab-out",
            v -> List.of("nab", "--data", nab, "--labels", labels, "--out", v), null),
        new Target("nab --policy", "--policy", Expects.FILE, "policies.conf",
            v -> List.of("nab", "--data", nab, "--labels", labels, "--policy", v, "--out", r + "/nab-out"),
            r + "/nab-out"),
        new Target("nab --score-results", "--score-results", Expects.INPUT_DIR, "results",
            v -> List.of("nab", "--data", nab, "--labels", labels, "--score-results", v), null),
        new Target("simulate --scenario", "--scenario", Expects.FILE, "scenario.conf",
            v -> List.of("simulate", "--scenario", v, "--no-agent", "--out", r + "/sim-out"), r + "/sim-out"),
        // With the agent: its policies and configuration are checked before the (long) run starts.
        new Target("simulate --policy", "--policy", Expects.FILE, "policies.conf",
            v -> List.of("simulate", "--scenario", scenario, "--policy", v, "--out", r + "/sim-out"), r + "/sim-out"),
        new Target("simulate --config", "--config", Expects.FILE, "agent.conf",
            v -> List.of("simulate", "--scenario", scenario, "--config", v, "--out", r + "/sim-out"), r + "/sim-out"),
        new Target("simulate --out", "--out", Expects.OUTPUT_DIR, "sim-out",
            v -> List.of("simulate", "--scenario", scenario, "--no-agent", "--out", v), null));
  }

  @AfterContainer
  static void clean() throws IOException {
    runner.shutdownNow();
    fx.delete();
  }

  /** Paths that cannot be used: refused as a usage error, fast. */
  @Property(tries = 250)
  void anUnusablePathIsAUsageErrorNamingOptionAndValue(@ForAll("refusals") Case c) throws Exception {
    Outcome o = run(c);
    Statistics.label("target").collect(c.target().name());
    assertThat(o.code()).as("exit code of %s: %s", c, o.err()).isEqualTo(2);
    assertThat(message(o.err())).as(c.toString()).contains(c.target().option()).contains(shownPart(c.value()));
  }

  /** Usable paths, and those whose fate depends on the file system: they work, or fail cleanly. */
  @Property(tries = 60)
  @Tag("slow")
  void aUsablePathWorksAndNothingIsWrittenOutsideTheOutput(@ForAll("usable") Case c) throws Exception {
    Outcome o = run(c);
    Statistics.label("exit code").collect(o.code());
    if (outcome(c.target(), c.kind()) == Expected.ACCEPT) {
      int expected = c.target().name().startsWith("status") ? 1 : 0; // status: nothing listens on port 1
      assertThat(o.code()).as("exit code of %s: %s", c, o.err()).isEqualTo(expected);
    } else if (o.code() == 2) {
      assertThat(message(o.err())).as(c.toString()).contains(c.target().option());
    }
  }

  /**
   * Counterexamples found: nab wrote results into a file given as --out (exit 1 after scoring
   * everything) and read a missing --policy as the packaged policies; migrate, simulate did not
   * name --config or --scenario when the file was missing.
   */
  @Example
  void theCounterexamplesFoundAreUsageErrorsNamingTheOption() throws Exception {
    String missing = fx.root + "/missing/x.conf";
    for (Case c : List.of(new Case(target("nab --out"), Kind.PLAIN_FILE, fx.root + "/policies.conf"),
        new Case(target("nab --policy"), Kind.MISSING, missing),
        new Case(target("migrate --config"), Kind.MISSING, missing),
        new Case(target("simulate --scenario"), Kind.MISSING, missing),
        new Case(target("migrate --data"), Kind.PLAIN_FILE, fx.root + "/policies.conf"))) {
      anUnusablePathIsAUsageErrorNamingOptionAndValue(c);
    }
  }

  private static Target target(String name) {
    return targets.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  record Case(Target target, Kind kind, String value) {
    @Override
    public String toString() {
      String shown = value.length() > 100 ? value.substring(0, 100) + "...(" + value.length() + ")" : value;
      return target + " " + kind + " '" + shown.replace("\u0000", "\\0") + "'";
    }
  }

  private record Outcome(int code, String err) {}

  /** Runs the command on a thread of its own: a command reading a named pipe would block for ever. */
  private static Outcome run(Case c) throws Exception {
    Set<Path> before = fx.snapshot();
    Set<String> cwd = FileArguments.workingDirectory();
    Future<MainTest.Result> result = runner.submit(() -> MainTest.run(c.target().args().apply(c.value())
        .toArray(String[]::new)));
    MainTest.Result r;
    try {
      r = result.get(60, TimeUnit.SECONDS);
    } catch (TimeoutException hang) {
      try (OutputStream release = Files.newOutputStream(fx.root.resolve("fifo"))) {
        release.flush(); // a writer that closes at once: the blocked reader gets end of file
      }
      throw new AssertionError("no answer within 60 s: " + c);
    }
    Set<Path> added = new TreeSet<>(fx.snapshot());
    added.removeAll(before);
    try {
      assertThat(r.err()).as("no stack trace: %s", c).doesNotContain("\tat ").doesNotContain("Caused by:");
      assertThat(r.code()).as("exit code of %s: %s", c, r.err()).isIn(0, 1, 2, 5);
      List<Path> allowed = allowedWrites(c);
      assertThat(added).as("written by %s", c).allMatch(p -> allowed.stream()
          .anyMatch(dest -> p.startsWith(dest) || dest.startsWith(p)));
      assertThat(FileArguments.workingDirectory()).as("the working directory after %s", c).isEqualTo(cwd);
    } finally {
      FileArguments.remove(added);
    }
    return new Outcome(r.code(), r.err());
  }

  /** The output directory given (as the command would resolve it), and the fixed one around it. */
  private static List<Path> allowedWrites(Case c) {
    List<Path> allowed = new ArrayList<>();
    if (c.target().writesTo() != null) {
      allowed.add(Path.of(c.target().writesTo()));
    }
    if (c.target().expects() == Expects.OUTPUT_DIR) {
      try {
        allowed.add(Path.of(c.value()).toAbsolutePath().normalize());
      } catch (InvalidPathException noPath) {
        // nothing can be written under a path that does not exist
      }
    }
    return allowed;
  }

  /** The error message without the usage help after it, which names every option anyway. */
  private static String message(String err) {
    int usage = err.indexOf("Usage:");
    return usage < 0 ? err : err.substring(0, usage);
  }

  /** The part of a value a message can show: up to the first control character, at most 40 characters. */
  private static String shownPart(String value) {
    if (value.isEmpty()) {
      return "''";
    }
    String printable = value.split("\\p{Cntrl}", 2)[0];
    return printable.substring(0, Math.min(40, printable.length()));
  }

  enum Expected { ACCEPT, REFUSE, EITHER }

  static Expected outcome(Target target, Kind kind) {
    if (target.option().equals("--policies") && kind == Kind.EMPTY) {
      return Expected.EITHER; // as for mlops.policies-file, empty means no file: the packaged policies
    }
    Expects expects = target.expects();
    return switch (kind) {
      case GOOD, INSIDE_VIA_DOTS -> Expected.ACCEPT;
      case SIBLING, DIRECTORY -> expects == Expects.OUTPUT_DIR ? Expected.ACCEPT : Expected.REFUSE;
      case SHADOW_LIKE -> expects == Expects.FILE ? Expected.EITHER : Expected.REFUSE;
      case MISSING, LONG_NAME, LONG_PATH, LOOP -> expects == Expects.OUTPUT_DIR ? Expected.EITHER : Expected.REFUSE;
      case PLAIN_FILE -> expects == Expects.FILE ? Expected.EITHER : Expected.REFUSE; // a file of another kind
      default -> Expected.REFUSE;
    };
  }

  @Provide
  Arbitrary<Case> refusals() {
    return cases(false);
  }

  @Provide
  Arbitrary<Case> usable() {
    return cases(true);
  }

  private static Arbitrary<Case> cases(boolean usable) {
    return Combinators.combine(Arbitraries.of(targets), Arbitraries.of(Kind.values()),
            Arbitraries.integers().between(0, 1_000_000))
        .filter((t, k, salt) -> !(t.expects() == Expects.OUTPUT_DIR && NEVER_FOR_OUTPUT.contains(k)))
        .filter((t, k, salt) -> usable == (outcome(t, k) != Expected.REFUSE))
        // The agent's long simulation would start: its two files are only tried where they are refused.
        .filter((t, k, salt) -> !usable || !List.of("simulate --policy", "simulate --config").contains(t.name()))
        .as((t, k, salt) -> new Case(t, k, fx.value(k, t.expects(), t.good(), salt)));
  }
}
