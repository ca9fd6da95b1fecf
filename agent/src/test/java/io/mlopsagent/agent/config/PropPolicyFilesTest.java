package io.mlopsagent.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mlopsagent.actors.policy.PolicyBook;
import io.mlopsagent.actors.policy.PolicyLoader;
import io.mlopsagent.actors.policy.PolicyProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * A damaged policies file ({@link PolicyMutations}) is either a whole policy book or refused with
 * problems that each name a {@code policies} path (or, when it does not even parse, the file and
 * line): never another exception, and never half applied. Through {@link PolicySource}, a refused
 * reload leaves the very book that was in force.
 */
class PropPolicyFilesTest {
  /** What keys a file leaves out fall back to, as in the daemon: the packaged policies. */
  private static final Config PACKAGED = ConfigFactory.parseResources("policies.conf");
  private static final AtomicLong CLOCK = new AtomicLong(1_000_000);

  private static Path dir;

  @BeforeContainer
  static void makeDirectory() throws IOException {
    // jqwik has no @TempDir: a directory of its own under java.io.tmpdir, removed after the class.
    dir = Files.createTempDirectory("prop-policy-files");
  }

  @AfterContainer
  static void removeDirectory() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Property(tries = 600)
  void theLoaderAcceptsWholeOrRefusesNamingThePath(@ForAll("mutants") PolicyMutations.Mutant mutant) {
    PolicyBook book;
    try {
      book = PolicyLoader.parse(mutant.text());
    } catch (PolicyProblem refused) {
      checkProblems(refused.problems(), mutant, null);
      Statistics.collect("refused");
      return;
    } catch (Throwable e) {
      throw new AssertionError("not a PolicyProblem for " + mutant + ": " + e, e);
    }
    assertThat(mutant.mustName()).as("accepted although certainly invalid: %s", mutant).isEmpty();
    assertThat(book.defaultPolicy()).isNotNull();
    Statistics.collect("accepted");
    assertThat(PolicyLoader.parse(mutant.text())).as("the same text, the same book").isEqualTo(book);
  }

  /** Shrunk counterexample: Config.getValue threw for a null value and the whole reading was lost. */
  @Example
  void aNullValueIsNamedLikeAnyOtherWrongValue() {
    String text = PolicyMutations.BASES.get(0) + "\npolicies.default.analysis.consecutive-error-limit = null\n";

    PolicyProblem refused = catchThrowableOfType(() -> PolicyLoader.parse(text), PolicyProblem.class);

    assertThat(refused.problems()).containsExactly("policies.default.analysis.consecutive-error-limit = null:"
        + " expected an integer from 0 to 1000");
  }

  /** Shrunk counterexample: lists 689 deep overflowed the stack out of a reload, the daemon's timer included. */
  @Example
  void aFileNestedHundredsDeepIsRefusedAndTheBookStays() throws IOException {
    Path file = dir.resolve("deep.conf");
    write(file, PolicyMutations.BASES.get(0).getBytes(StandardCharsets.UTF_8));
    PolicySource source = PolicySource.fromFile(file, PACKAGED);
    PolicyBook before = source.current();

    for (int depth : new int[] {100, 689, 100_000}) {
      write(file, ("policies.default.junk = " + "[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8));
      assertThat(source.reloadIfChanged()).hasValueSatisfying(m -> assertThat(m).contains("refused"));
      assertThat(catchThrowableOfType(source::reloadNow, PolicyProblem.class)).isNotNull();
      assertThat(source.current()).isSameAs(before);
    }
  }

  @Property(tries = 300)
  void aRefusedReloadKeepsTheBookInForce(
      @ForAll("mutants") PolicyMutations.Mutant mutant, @ForAll boolean onRequest, @ForAll boolean badBytes)
      throws IOException {
    Path file = dir.resolve("policies-" + CLOCK.incrementAndGet() + ".conf");
    write(file, PolicyMutations.BASES.get(0).getBytes(StandardCharsets.UTF_8));
    PolicySource source = PolicySource.fromFile(file, PACKAGED);
    PolicyBook before = source.current();

    byte[] bytes = mutant.text().getBytes(StandardCharsets.UTF_8);
    if (badBytes) {
      // Not even UTF-8: a binary file copied over the ConfigMap, say.
      bytes = concat(bytes, new byte[] {(byte) 0xFF, (byte) 0xFE, 0, (byte) 0xC3});
    }
    write(file, bytes);
    // Bytes after the text make it unparsable, so no single path is named then: the file is.
    PolicyMutations.Mutant damaged = badBytes
        ? new PolicyMutations.Mutant(mutant.description() + "; bad bytes", mutant.text(), Optional.empty()) : mutant;
    if (onRequest) {
      reloadOnRequest(source, before, file, damaged);
    } else {
      reloadOnChange(source, before, file, damaged);
    }
    Files.delete(file);
  }

  private static void reloadOnRequest(PolicySource source, PolicyBook before, Path file,
      PolicyMutations.Mutant mutant) {
    PolicyBook after;
    try {
      after = source.reloadNow();
    } catch (PolicyProblem refused) {
      checkProblems(refused.problems(), mutant, file);
      assertThat(source.current()).as("the book in force after a refused reload").isSameAs(before);
      Statistics.collect("reloadNow", "refused");
      return;
    } catch (Throwable e) {
      throw new AssertionError("not a PolicyProblem for " + mutant + ": " + e, e);
    }
    assertThat(source.current()).isSameAs(after);
    Statistics.collect("reloadNow", "accepted");
  }

  private static void reloadOnChange(PolicySource source, PolicyBook before, Path file,
      PolicyMutations.Mutant mutant) {
    Optional<String> said;
    try {
      said = source.reloadIfChanged();
    } catch (Throwable e) {
      throw new AssertionError("a reload on change threw for " + mutant + ": " + e, e);
    }
    assertThat(said).as("the file changed: the reload says what happened").isPresent();
    Statistics.collect("reloadIfChanged", said.get().contains("refused") ? "refused" : "accepted");
    if (said.get().contains("refused")) {
      assertThat(said.get()).contains(file.toString());
      assertThat(source.current()).as("the book in force after a refused reload").isSameAs(before);
    } else {
      assertThat(said.get()).startsWith("policies reloaded");
      assertThat(mutant.mustName()).as("accepted although certainly invalid: %s", mutant).isEmpty();
    }
  }

  /**
   * Every problem names where it is: a {@code policies} path, or for a file that does not parse,
   * the file itself. A certainly invalid key must be among the paths named.
   */
  private static void checkProblems(List<String> problems, PolicyMutations.Mutant mutant, Path file) {
    assertThat(problems).as("problems of %s", mutant).isNotEmpty();
    for (String problem : problems) {
      boolean namesPath = problem.matches("(?s)policies([.\\[ :]).*");
      boolean namesFile = file != null && problem.startsWith("policies file '" + file + "'");
      if (!namesPath && !namesFile) {
        fail("problem of %s names no policies path: %s", mutant, problem);
      }
    }
    mutant.mustName().ifPresent(path -> assertThat(problems).as("problems of %s", mutant)
        .anyMatch(p -> p.startsWith(path + " ") || p.startsWith(path + "[") || p.startsWith(path + ".")));
  }

  @Provide
  Arbitrary<PolicyMutations.Mutant> mutants() {
    return PolicyMutations.mutants();
  }

  /** Written with a modification time of its own, so a change is seen whatever the clock's resolution. */
  private static void write(Path file, byte[] bytes) throws IOException {
    Files.write(file, bytes);
    Files.setLastModifiedTime(file, FileTime.fromMillis(CLOCK.incrementAndGet() * 1000));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
