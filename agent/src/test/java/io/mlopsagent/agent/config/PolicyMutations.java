package io.mlopsagent.agent.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.mlopsagent.actors.hocon.HoconText;
import io.mlopsagent.actors.model.ModelName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random damage done to valid policy files, as an operator's editor, a bad merge or a truncated
 * ConfigMap would do it: keys deleted, values of another type, negative, huge, NaN-ish or empty,
 * durations and numbers swapped, sections duplicated, junk inserted, the file cut short, overrides
 * with broken names and matches. Every damaged file comes with a description for the report and,
 * when one edit alone makes it certainly invalid, the {@code policies.} path its refusal must name.
 */
final class PolicyMutations {
  /**
   * Policies files as shipped: the packaged one, the strict example on top of it, one with overrides,
   * and one with the fleet-wide learner section.
   */
  static final List<String> BASES;
  /**
   * Per base, the scalar and list keys of the default policy and of the learner section (the
   * overrides list is mutated on its own).
   */
  private static final List<List<String>> LEAVES = new ArrayList<>();
  /** Per base, the object paths of the default policy, to duplicate. */
  private static final List<List<String>> SECTIONS = new ArrayList<>();

  /** Values no key of a policy accepts: the refusal must name the key. */
  private static final List<String> NEVER_VALID = List.of("-1", "-0.5", "-1000000", "\"-15m\"", "-15m", "NaN",
      "\"NaN\"", "Infinity", "-Infinity", "\"\"", "\"   \"", "{ x = 1 }", "{}", "null");
  /** Values of every other kind: some keys accept some of them. */
  private static final List<String> ANY_VALUE = List.of("[1, 2]", "[]", "[[]]", "true", "\"text\"", "1e308",
      "99999999999999999999", "9223372036854775808", "2147483648", "1e309", "0x10", "1_000", "15m", "0s", "6h",
      "1.5h", "1000000000000000d", "15", "0", "0.5", "1", "100", "\"\\u0000\"", "\"mödèl-ü\"", "ACT", "\"act \"",
      "${?HOME}", "${?NO_SUCH_VARIABLE}", "${nope}", "${policies.default}", "\"" + "a".repeat(5_000) + "\"");
  private static final List<String> JUNK = List.of("}", "{", "[", "]", "=", "\"", "${", ":", ",", "+=", "#",
      "//", "\n", "include \"nope.conf\"\n", "include required(\"nope.conf\")\n", "a.b.c = ", "\u0000",
      "\uFEFF", "\uD83D\uDE00", "\\", "'''", "\"\"\"", "policies = 5\n", "policies.default = [1]\n",
      "policies.overrides = { }\n", "policies { default { detection { thresholds { cpu-low = 0.9 } } } }\n");

  static {
    Path conf = Path.of("..", "conf");
    String packaged = read(conf.resolve("policies.conf"));
    String strict = read(conf.resolve("examples").resolve("strict-policies.conf"));
    String overrides = "\npolicies.overrides = " + render(richOverrides()) + "\n";
    String learner = "\npolicies.learner { retrain-every-outcomes = 25, retrain-every = 6h }\n";
    BASES = List.of(packaged, packaged + "\n" + strict, packaged + overrides, packaged + learner);
    for (String base : BASES) {
      Config c = ConfigFactory.parseString(base).resolve();
      List<String> leaves = new ArrayList<>();
      List<String> sections = new ArrayList<>();
      c.getConfig("policies.default").entrySet().forEach(e -> leaves.add("policies.default." + e.getKey()));
      collectSections(c.getObject("policies.default").toConfig(), "policies.default", sections);
      if (c.hasPath("policies.learner")) {
        c.getConfig("policies.learner").entrySet().forEach(e -> leaves.add("policies.learner." + e.getKey()));
        sections.add("policies.learner");
      }
      leaves.sort(null);
      sections.sort(null);
      LEAVES.add(leaves);
      SECTIONS.add(sections);
    }
  }

  /** A damaged policies file. */
  record Mutant(String description, String text, Optional<String> mustName) {
    @Override
    public String toString() {
      // The text is long: the description says what was done to which base.
      return description + (mustName.isPresent() ? " (must name " + mustName.get() + ")" : "");
    }
  }

  private PolicyMutations() {}

  /** One to three edits of one base; only a single edit promises which path a refusal names. */
  static Arbitrary<Mutant> mutants() {
    return Arbitraries.integers().between(0, BASES.size() - 1).flatMap(base -> edit(base).list().ofMinSize(1)
        .ofMaxSize(3).map(edits -> {
          String text = BASES.get(base);
          List<String> said = new ArrayList<>();
          for (Edit e : edits) {
            text = e.apply(text);
            said.add(e.description());
          }
          Optional<String> mustName = edits.size() == 1 ? edits.get(0).mustName() : Optional.empty();
          return new Mutant("base " + base + ": " + String.join("; ", said), text, mustName);
        }));
  }

  /** One edit: what it does to a text, and the path it certainly breaks, if any. */
  private record Edit(String description, java.util.function.UnaryOperator<String> change, Optional<String> mustName) {
    String apply(String text) {
      return change.apply(text);
    }
  }

  /**
   * The never-valid values for one key. A key holding a name (the optimized version's tag) takes
   * any word a label value may be, and {@code NaN} or {@code Infinity} unquoted are such words.
   */
  private static List<String> neverValidFor(String path) {
    if (!path.endsWith(".optimized-tag")) {
      return NEVER_VALID;
    }
    return NEVER_VALID.stream().filter(v -> !ModelName.isValid(v.replace("\"", ""))).toList();
  }

  private static Arbitrary<Edit> edit(int base) {
    List<String> leaves = LEAVES.get(base);
    List<String> sections = SECTIONS.get(base);
    Arbitrary<String> leaf = Arbitraries.of(leaves);
    return Arbitraries.frequencyOf(
        Tuple.of(3, leaf.map(path -> new Edit("delete " + path, text -> delete(text, path), Optional.empty()))),
        Tuple.of(4, leaf.flatMap(path -> Arbitraries.of(neverValidFor(path)).map(value ->
            new Edit(path + " = " + shorten(value), text -> text + "\n" + path + " = " + value + "\n",
                Optional.of(path))))),
        Tuple.of(4, Combinators.combine(leaf, Arbitraries.of(ANY_VALUE)).as((path, value) ->
            new Edit(path + " = " + shorten(value), text -> text + "\n" + path + " = " + value + "\n",
                Optional.empty()))),
        Tuple.of(2, Combinators.combine(Arbitraries.of(sections), Arbitraries.of(sections))
            .as((into, from) -> new Edit("duplicate " + from + " into " + into,
                text -> text + "\n" + into + " " + sectionText(text, from) + "\n", Optional.empty()))),
        Tuple.of(1, Arbitraries.just(new Edit("duplicate the whole policies section",
            text -> text + "\n" + text, Optional.empty()))),
        Tuple.of(3, Combinators.combine(Arbitraries.of(JUNK), Arbitraries.doubles().between(0, 1))
            .as((junk, where) -> new Edit("insert " + shorten(junk) + " at " + Math.round(where * 100) + "%",
                text -> insert(text, junk, where), Optional.empty()))),
        Tuple.of(2, Arbitraries.doubles().between(0, 1).map(where -> new Edit(
            "truncate at " + Math.round(where * 100) + "%", text -> text.substring(0, (int) (where * text.length())),
            Optional.empty()))),
        // A hundred levels parse, and the unknown key is named; far deeper ones cannot be parsed at all.
        Tuple.of(1, Combinators.combine(Arbitraries.integers().between(10, 100_000), Arbitraries.of(true, false))
            .as((depth, lists) -> new Edit("nest " + (lists ? "lists " : "objects ") + depth + " deep",
                text -> text + "\npolicies.default.junk = " + (lists ? "[".repeat(depth) + "]".repeat(depth)
                    : "{a = ".repeat(depth) + "1" + "}".repeat(depth)) + "\n",
                depth <= 100 ? Optional.of("policies.default.junk") : Optional.empty()))),
        Tuple.of(3, overrideEdit()));
  }

  /** An override list in which one override is broken: a key gone, a hostile value, a copy of another. */
  private static Arbitrary<Edit> overrideEdit() {
    Arbitrary<String> key = Arbitraries.of("name", "match", "match.model", "match.labels", "mode",
        "rollout.strategy", "rollout.canary-steps", "safety.cooldown", "safety.max-concurrent-rollouts",
        "analysis.min-accuracy", "detection.thresholds.cpu-low", "scaling.min-replicas");
    Arbitrary<Object> value = Arbitraries.of(-1, -0.5, "", "default", "*", "**", "fraud-*", "a\"b", "x{y}",
        "a\nb", "mödèl", "-bad-", "x".repeat(64), 1e308, Double.NaN, true, List.of(), List.of(5, 10),
        Map.of(), Map.of("model", "*"), Map.of("labels", Map.of("mlops.ai/tier", "gold")),
        Map.of("mlops.ai/tier", "x y"), Map.of("", "a"), Map.of("a/b/c", "v"));
    Arbitrary<Edit> set = Combinators.combine(Arbitraries.integers().between(0, 1), key, value,
            Arbitraries.of(true, false))
        .as((index, k, v, remove) -> {
          List<Map<String, Object>> list = richOverrides();
          Map<String, Object> target = list.get(index);
          String described = "overrides[" + index + "]." + k
              + (remove ? " removed" : " = " + shorten(String.valueOf(v)));
          if (remove) {
            removePath(target, k);
          } else {
            putPath(target, k, Double.valueOf(Double.NaN).equals(v) ? "NaN" : v);
          }
          return new Edit(described, text -> text + "\npolicies.overrides = " + render(list) + "\n", Optional.empty());
        });
    Arbitrary<Edit> copy = Arbitraries.just(new Edit("overrides[0] twice", text -> {
      List<Map<String, Object>> list = richOverrides();
      list.add(list.get(0));
      return text + "\npolicies.overrides = " + render(list) + "\n";
    }, Optional.of("policies.overrides[2].name")));
    Arbitrary<Edit> notObjects = Arbitraries.of("[1, 2]", "[\"a\"]", "[[]]", "5", "\"x\"", "{ name = x }")
        .map(v -> new Edit("overrides = " + v, text -> text + "\npolicies.overrides = " + v + "\n",
            Optional.of("policies.overrides")));
    return Arbitraries.oneOf(set, copy, notObjects);
  }

  /** Two overrides touching every kind of key an override may change. */
  static List<Map<String, Object>> richOverrides() {
    Map<String, Object> fraud = new LinkedHashMap<>();
    fraud.put("name", "fraud-canary");
    fraud.put("match", new LinkedHashMap<>(Map.of("model", "fraud-*",
        "labels", new LinkedHashMap<>(Map.of("mlops.ai/tier", "critical")))));
    fraud.put("rollout", new LinkedHashMap<>(Map.of("strategy", "canary",
        "canary-steps", List.of(5, 10, 25, 50, 100))));
    fraud.put("analysis", new LinkedHashMap<>(Map.of("min-accuracy", 0.92)));
    fraud.put("safety", new LinkedHashMap<>(Map.of("cooldown", "30m")));
    Map<String, Object> quiet = new LinkedHashMap<>();
    quiet.put("name", "quiet");
    quiet.put("match", new LinkedHashMap<>(Map.of("labels", new LinkedHashMap<>(Map.of("team", "search")))));
    quiet.put("mode", "observe");
    quiet.put("detection", new LinkedHashMap<>(Map.of("thresholds", new LinkedHashMap<>(Map.of("cpu-low", 0.1)))));
    quiet.put("scaling", new LinkedHashMap<>(Map.of("min-replicas", 2)));
    return new ArrayList<>(List.of(fraud, quiet));
  }

  @SuppressWarnings("unchecked")
  private static void putPath(Map<String, Object> map, String path, Object value) {
    int dot = path.indexOf('.');
    if (dot < 0) {
      map.put(path, value);
      return;
    }
    Object child = map.get(path.substring(0, dot));
    Map<String, Object> next = child instanceof Map
        ? new LinkedHashMap<>((Map<String, Object>) child) : new LinkedHashMap<>();
    map.put(path.substring(0, dot), next);
    putPath(next, path.substring(dot + 1), value);
  }

  @SuppressWarnings("unchecked")
  private static void removePath(Map<String, Object> map, String path) {
    int dot = path.indexOf('.');
    if (dot < 0) {
      map.remove(path);
    } else if (map.get(path.substring(0, dot)) instanceof Map<?, ?> child) {
      Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) child);
      removePath(copy, path.substring(dot + 1));
      map.put(path.substring(0, dot), copy);
    }
  }

  private static String render(Object value) {
    return ConfigValueFactory.fromAnyRef(value).render(ConfigRenderOptions.concise());
  }

  /** The section at {@code path} of {@code text}, as HOCON; an empty object when the text no longer has it. */
  private static String sectionText(String text, String path) {
    try {
      Config c = HoconText.guarded(() -> ConfigFactory.parseString(text));
      return c.hasPath(path) ? c.getValue(path).render(ConfigRenderOptions.concise()) : "{}";
    } catch (com.typesafe.config.ConfigException e) {
      return "{}"; // an earlier edit broke the text: duplicating nothing still appends a section
    }
  }

  private static void collectSections(Config c, String prefix, List<String> out) {
    for (Map.Entry<String, ConfigValue> e : c.root().entrySet()) {
      if (e.getValue().valueType() == ConfigValueType.OBJECT) {
        String path = prefix + "." + e.getKey();
        out.add(path);
        collectSections(c.getConfig(e.getKey()), path, out);
      }
    }
  }

  /** The text without {@code path}: rendered again when it parses, else with the key's lines cut out. */
  private static String delete(String text, String path) {
    try {
      // Guarded: an earlier edit may have nested the text too deeply for the parser.
      return HoconText.guarded(() -> ConfigFactory.parseString(text).withoutPath(path).root()
          .render(ConfigRenderOptions.concise()));
    } catch (com.typesafe.config.ConfigException e) {
      String key = path.substring(path.lastIndexOf('.') + 1);
      return text.replaceAll("(?m)^\\s*" + java.util.regex.Pattern.quote(key) + "\\s*=.*$", "");
    }
  }

  private static String insert(String text, String junk, double where) {
    int at = (int) (where * text.length());
    return text.substring(0, at) + junk + text.substring(at);
  }

  private static String shorten(String s) {
    String flat = s.replace("\n", "\\n").replace("\u0000", "\\0");
    return flat.length() > 40 ? flat.substring(0, 40) + "..." : flat;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
