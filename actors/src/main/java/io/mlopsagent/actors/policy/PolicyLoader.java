package io.mlopsagent.actors.policy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.mlopsagent.actors.hocon.HoconSection;
import io.mlopsagent.actors.hocon.HoconText;
import io.mlopsagent.actors.model.ModelName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the {@code policies} object of a configuration into a {@link PolicyBook}, checking every
 * value first. Either the whole book comes back or a {@link PolicyProblem} listing every problem:
 * never a book with some overrides left out, which would silently move models to the default.
 *
 * <p>The caller reads files; this class only reads a {@link Config}. Shape:
 * {@code policies { default { ... }, overrides = [ { name, match { model, labels }, ... } ] }}.
 */
public final class PolicyLoader {
  private static final String ROOT = "policies";
  private static final String OVERRIDE_NAME_RULE = "a name of 1-" + ModelName.MAX_LENGTH
      + " characters, letters and digits at both ends, '-', '_' or '.' inside,"
      + " other than '" + Policy.DEFAULT_NAME + "'";
  /** Rollouts in flight are counted across the fleet, so no single model's policy may change the limit. */
  private static final String FLEET_WIDE = "safety.max-concurrent-rollouts";

  /** The learner's settings, beside the default: one learner serves the whole fleet. */
  private static final String LEARNER = "learner";
  private static final String LEARNER_IS_FLEET_WIDE =
      ": the learner's settings are fleet-wide, set them in " + ROOT + "." + LEARNER + ", not in a policy";

  /** HOCON reads an unquoted mlops.ai/tier as nested objects: say so where a label looks wrong. */
  private static final String QUOTE_KEYS = " (quote a key holding '.' or '/': \"mlops.ai/tier\" = gold)";

  private PolicyLoader() {}

  /**
   * Reads {@code policies} from a resolved configuration, for instance the daemon's.
   *
   * @throws PolicyProblem listing every problem, when there is any
   */
  public static PolicyBook load(Config config) {
    Set<String> problems = new LinkedHashSet<>();
    PolicyBook book;
    try {
      book = HoconText.guarded(() -> read(config, problems));
    } catch (ConfigException e) {
      // Not a value problem but a config that cannot be read at all, such as an unresolved ${...}.
      problems.add(ROOT + ": cannot be read: " + e.getMessage());
      book = null;
    }
    if (!problems.isEmpty()) {
      throw new PolicyProblem(List.copyOf(problems));
    }
    return book;
  }

  /**
   * Parses HOCON text holding a top-level {@code policies} object and loads it: for tests, and for
   * a text the caller already holds.
   *
   * @throws PolicyProblem when the text does not parse or any value is wrong
   */
  public static PolicyBook parse(String hocon) {
    Config config;
    try {
      config = HoconText.guarded(() -> ConfigFactory.parseString(hocon).resolve());
    } catch (ConfigException e) {
      throw new PolicyProblem(List.of(ROOT + ": cannot be parsed: " + e.getMessage()));
    }
    return load(config);
  }

  private static PolicyBook read(Config config, Set<String> problems) {
    HoconSection top = HoconSection.of(config, path -> path, path -> true, problems);
    HoconSection policies = top.section(ROOT);
    Config defaultConfig = policies.objectAt("default");
    boolean hasOverrides = policies.has("overrides");
    // Optional: without it the agent's configuration (mlops.learner.*) decides when to retrain.
    LearnerPolicy learner = policies.has(LEARNER)
        ? PolicyReader.learner(policies.section(LEARNER)) : LearnerPolicy.UNSET;
    policies.rejectUnknownKeys();
    if (defaultConfig == null) {
      return null; // every override falls back to the default: without it nothing else can be read
    }
    HoconSection defaultSection =
        HoconSection.of(defaultConfig, path -> ROOT + ".default." + path, path -> true, problems);
    Policy defaultPolicy = PolicyReader.read(Policy.DEFAULT_NAME, defaultSection);
    misplacedLearner(defaultConfig, ROOT + ".default", defaultSection, problems);
    defaultSection.rejectUnknownKeys();

    List<PolicyOverride> overrides = new ArrayList<>();
    ConfigValue list = hasOverrides ? config.getObject(ROOT).get("overrides") : null;
    if (list != null && list.valueType() != ConfigValueType.LIST) {
      problems.add(ROOT + ".overrides = " + HoconSection.show(list)
          + ": expected a list of overrides, such as [ { name = fraud-canary, match { model = \"fraud-*\" }, ... } ]");
    } else if (list != null) {
      Set<String> names = new HashSet<>();
      int index = 0;
      for (ConfigValue entry : (ConfigList) list) {
        String at = ROOT + ".overrides[" + index++ + "]";
        if (entry.valueType() != ConfigValueType.OBJECT) {
          problems.add(at + " = " + HoconSection.show(entry)
              + ": expected an object with name, match and the keys it changes");
          continue;
        }
        PolicyOverride override = override(at, ((ConfigObject) entry).toConfig(), defaultConfig, names, problems);
        if (override != null) {
          overrides.add(override);
        }
      }
    }
    return problems.isEmpty() ? new PolicyBook(defaultPolicy, overrides, learner) : null;
  }

  /**
   * A {@code learner} section inside a policy: told where it belongs, rather than listed as an
   * unknown key, since a per-model learner setting cannot exist.
   */
  private static void misplacedLearner(Config policy, String at, HoconSection section, Set<String> problems) {
    if (ownsPath(policy, LEARNER)) {
      problems.add(at + "." + LEARNER + " = " + HoconSection.show(policy.root().get(LEARNER)) + LEARNER_IS_FLEET_WIDE);
      section.readElsewhere(LEARNER);
    }
  }

  /**
   * One override: its name and match read from the entry alone, its policy from the entry merged
   * over the default, key by key. A problem is shown at the override's path when the value is the
   * override's own, and at the default's path when it came from there.
   */
  private static PolicyOverride override(
      String at, Config entry, Config defaultConfig, Set<String> names, Set<String> problems) {
    HoconSection own = HoconSection.of(entry, path -> at + "." + path, path -> true, problems);
    String name = own.string("name", n -> ModelName.isValid(n) && !n.equals(Policy.DEFAULT_NAME), OVERRIDE_NAME_RULE);
    if (own.allValid("name") && !names.add(name)) {
      own.refuse("name", "expected a name no earlier override uses");
    }
    PolicyMatch match = match(own);
    if (ownsPath(entry, FLEET_WIDE)) {
      ConfigValue given = entry.getObject("safety").get("max-concurrent-rollouts");
      problems.add(at + "." + FLEET_WIDE + " = " + HoconSection.show(given)
          + ": a fleet-wide limit, set it in " + ROOT + ".default only");
    }

    HoconSection merged = HoconSection.of(
        entry.withFallback(defaultConfig),
        path -> (ownsPath(entry, path) ? at : ROOT + ".default") + "." + path,
        path -> ownsPath(entry, path),
        problems);
    merged.readElsewhere("name", "match");
    misplacedLearner(entry, at, merged, problems);
    // A policy under a refused name is never used (the book is refused), but its values still get checked.
    Policy policy = PolicyReader.read(own.allValid("name") ? name : "unnamed", merged);
    merged.rejectUnknownKeys();
    return own.clean() && match != null && policy != null ? new PolicyOverride(match, policy) : null;
  }

  private static boolean ownsPath(Config entry, String path) {
    try {
      return entry.hasPathOrNull(path);
    } catch (ConfigException e) {
      return false;
    }
  }

  /** Model glob, labels, or both; an override matching everything would hide every later one. */
  private static PolicyMatch match(HoconSection override) {
    HoconSection m = override.section("match");
    ModelGlob glob = ModelGlob.ANY;
    boolean hasModel = m.has("model");
    if (hasModel) {
      String pattern = m.string("model", ModelGlob::isValid, ModelGlob.RULE);
      glob = m.allValid("model") ? new ModelGlob(pattern) : ModelGlob.ANY;
    }
    Map<String, String> labels = new HashMap<>();
    if (m.has("labels")) {
      HoconSection l = m.section("labels");
      for (String key : l.keys()) {
        String value = l.string(key, PolicyMatch::isLabelValue, PolicyMatch.LABEL_VALUE_RULE + QUOTE_KEYS);
        if (!PolicyMatch.isLabelKey(key)) {
          l.refuse(key, "the key is not " + PolicyMatch.LABEL_KEY_RULE + QUOTE_KEYS);
        }
        labels.put(key, value);
      }
    }
    m.rejectUnknownKeys();
    if (m.clean() && !hasModel && labels.isEmpty()) {
      override.refuse("match",
          "expected model, labels or both: an override matching every model would hide all later ones");
    }
    return m.clean() && override.allValid("match") ? new PolicyMatch(glob, labels) : null;
  }
}
