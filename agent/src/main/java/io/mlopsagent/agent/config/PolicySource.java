package io.mlopsagent.agent.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.mlopsagent.actors.hocon.HoconText;
import io.mlopsagent.actors.policy.PolicyBook;
import io.mlopsagent.actors.policy.PolicyLoader;
import io.mlopsagent.actors.policy.PolicyProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policies in force. From the configuration alone, or from a policies file (a mounted
 * ConfigMap, say) that is read again when it changes: a valid new file replaces the policies
 * whole; a file with any problem is refused with every problem named, and the policies in force
 * stay. Keys the file leaves out come from the packaged {@code policies.conf}.
 */
public final class PolicySource {
  private static final Logger LOG = LoggerFactory.getLogger(PolicySource.class);

  private final Path file;
  private final Config fallback;
  private final AtomicReference<PolicyBook> current;
  private volatile FileTime seenModified;
  private volatile long seenSize;

  private PolicySource(Path file, Config fallback, PolicyBook book) {
    this.file = file;
    this.fallback = fallback;
    this.current = new AtomicReference<>(book);
  }

  /** Policies from the configuration's {@code policies} section, never reloaded. */
  static PolicySource fixed(Config config) {
    return new PolicySource(null, config, load(config, "configuration"));
  }

  /**
   * Policies from {@code file}, falling back to the configuration's section key by key.
   *
   * @throws ConfigProblem naming the file and listing every problem in it
   */
  public static PolicySource fromFile(Path file, Config config) {
    PolicySource source = new PolicySource(file, config, load(parse(file).withFallback(config), "policies file '" + file + "'"));
    source.remember();
    return source;
  }

  public PolicyBook current() {
    return current.get();
  }

  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /**
   * Reads the file again if it changed since it was last read.
   *
   * @return what happened, for the log; empty when nothing changed
   */
  public Optional<String> reloadIfChanged() {
    if (file == null || !changed()) {
      return Optional.empty();
    }
    remember();
    try {
      PolicyBook book = load(parse(file).withFallback(fallback), "policies file '" + file + "'");
      current.set(book);
      String message = "policies reloaded from '" + file + "': default mode " + book.defaultPolicy().mode().word()
          + ", " + book.overrides().size() + " override(s)";
      LOG.info(message);
      return Optional.of(message);
    } catch (ConfigProblem e) {
      String message = "policies file '" + file + "' refused, the policies in force stay: " + e.getMessage();
      LOG.error(message);
      return Optional.of(message);
    }
  }

  /**
   * Reads the file again now, whether it changed or not (an operator's reload).
   *
   * @return the policies now in force
   * @throws PolicyProblem listing every problem of the file, the policies in force staying
   * @throws IllegalStateException when the policies come from the configuration, not a file
   */
  public PolicyBook reloadNow() {
    if (file == null) {
      throw new IllegalStateException("the policies come from the configuration, not from a policies file: there is"
          + " nothing to reload (start with --policies FILE or mlops.policies-file)");
    }
    remember();
    Config parsed;
    try {
      parsed = parse(file);
    } catch (ConfigProblem e) {
      throw new PolicyProblem(java.util.List.of(e.getMessage()));
    }
    PolicyBook book = PolicyLoader.load(parsed.withFallback(fallback));
    current.set(book);
    LOG.info("policies reloaded from '{}' on request: default mode {}, {} override(s)", file,
        book.defaultPolicy().mode().word(), book.overrides().size());
    return book;
  }

  private boolean changed() {
    try {
      return !Files.getLastModifiedTime(file).equals(seenModified) || Files.size(file) != seenSize;
    } catch (IOException e) {
      return false; // a file being replaced can vanish for a moment; look again next time
    }
  }

  private void remember() {
    try {
      seenModified = Files.getLastModifiedTime(file);
      seenSize = Files.size(file);
    } catch (IOException e) {
      seenModified = null;
    }
  }

  private static Config parse(Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new ConfigProblem("policies file '" + file + "' does not exist or is not readable");
    }
    try {
      return HoconText.guarded(() -> ConfigFactory.parseFile(file.toFile()).resolve());
    } catch (ConfigException e) {
      throw new ConfigProblem("policies file '" + file + "': " + e.getMessage(), e);
    }
  }

  private static PolicyBook load(Config config, String origin) {
    try {
      return PolicyLoader.load(config);
    } catch (PolicyProblem e) {
      throw new ConfigProblem(origin + ": " + e.getMessage(), e);
    }
  }
}
