package io.mlopsagent.actors.hocon;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One object of a HOCON file being read against a schema (policies, scenarios). Its getters never
 * throw: a bad value becomes a problem {@code <path> = <value>: expected <what is allowed>}, and the
 * getter returns a stand-in so reading goes on and every problem of the file is found in one pass.
 * Keys nobody asked for are problems too ({@link #rejectUnknownKeys}), so a typo cannot be silently
 * ignored.
 *
 * <p>Paths are relative to the object being read (a policy, an override's {@code match}, an element
 * of a list); the locator turns one into the path shown to the user, which for a policy override
 * depends on whether the value came from the override or from the default it falls back to.
 */
public final class HoconSection {
  /** What all sections of one object share. */
  private static final class Reading {
    final Config root;
    final Function<String, String> locate;
    final Predicate<String> owns;
    final Set<String> problems;

    Reading(Config root, Function<String, String> locate, Predicate<String> owns, Set<String> problems) {
      this.root = root;
      this.locate = locate;
      this.owns = owns;
      this.problems = problems;
    }
  }

  private final Reading reading;
  private final Config root;
  private final String path;
  private final boolean present;
  private final Set<String> known = new LinkedHashSet<>();
  private final Set<String> bad = new HashSet<>();
  private final List<HoconSection> children = new ArrayList<>();

  private HoconSection(Reading reading, String path, boolean present) {
    this.reading = reading;
    this.root = reading.root;
    this.path = path;
    this.present = present;
  }

  /**
   * @param root the object to read
   * @param locate turns a path inside {@code root} into the full path shown in a problem
   * @param owns whether an unknown key at this path is this reading's to report: an override
   *     reports its own keys, not those of the default it falls back to (the default's reading does)
   * @param problems where problems go; shared by the whole file, and a set because an override and
   *     the default it falls back to may report the same default value twice
   */
  public static HoconSection of(
      Config root, Function<String, String> locate, Predicate<String> owns, Set<String> problems) {
    return new HoconSection(new Reading(root, locate, owns, problems), "", true);
  }

  /** Whether every value of this section and its sub-sections read so far was accepted. */
  public boolean clean() {
    return present && bad.isEmpty() && children.stream().allMatch(HoconSection::clean);
  }

  /** Whether every one of these keys of this section was read without a problem. */
  public boolean allValid(String... keys) {
    return present && Arrays.stream(keys).noneMatch(bad::contains);
  }

  /** Whether an optional key is given (null counts as given, and is then refused by the read). */
  public boolean has(String key) {
    known.add(key);
    return present && root.hasPathOrNull(at(key));
  }

  /** The keys given in this section, in no particular order; none when it is missing. */
  public Set<String> keys() {
    return present ? Set.copyOf(object().keySet()) : Set.of();
  }

  /** Keys read by someone else, so that they are not reported as unknown here. */
  public void readElsewhere(String... keys) {
    known.addAll(Arrays.asList(keys));
  }

  /**
   * A nested object that another reading will go through, so its keys are not this section's to
   * check; null (and a problem) when it is missing or not an object.
   */
  public Config objectAt(String key) {
    ConfigValue v = value(key, "an object");
    boolean ok = v != null && expect(key, v, v.valueType() == ConfigValueType.OBJECT, "an object");
    return ok ? root.getConfig(at(key)) : null;
  }

  /** A nested object. When it is missing or not an object, its reads return stand-ins silently. */
  public HoconSection section(String key) {
    ConfigValue v = value(key, "an object");
    boolean ok = v != null && expect(key, v, v.valueType() == ConfigValueType.OBJECT, "an object");
    HoconSection child = new HoconSection(reading, at(key), ok);
    children.add(child);
    return child;
  }

  /**
   * The elements of a list of objects, each read as a section of its own whose problems name it
   * {@code key[index]}; an element that is not an object is a problem and is left out.
   *
   * @param allowed what the list holds, for instance "a list of groups, such as [ { name = fraud, ... } ]"
   */
  public List<HoconSection> objects(String key, String allowed) {
    ConfigValue v = value(key, allowed);
    if (v == null || !expect(key, v, v.valueType() == ConfigValueType.LIST, allowed)) {
      return List.of();
    }
    String listPath = at(key);
    List<HoconSection> out = new ArrayList<>();
    int index = 0;
    for (ConfigValue element : (ConfigList) v) {
      String elementPath = reading.locate.apply(listPath) + "[" + index++ + "]";
      if (element.valueType() != ConfigValueType.OBJECT) {
        reading.problems.add(elementPath + " = " + show(element) + ": expected an object");
        bad.add(key);
        continue;
      }
      Reading own = new Reading(((ConfigObject) element).toConfig(),
          path -> path.isEmpty() ? elementPath : elementPath + "." + path,
          path -> reading.owns.test(listPath), reading.problems);
      HoconSection child = new HoconSection(own, "", true);
      children.add(child);
      out.add(child);
    }
    return out;
  }

  public int integer(String key, int min, int max) {
    return (int) whole(key, min, max);
  }

  /** A whole number from {@code min} to {@code max}; {@code min} when refused. */
  public long whole(String key, long min, long max) {
    String allowed = "an integer from " + min + " to " + max;
    ConfigValue v = value(key, allowed);
    if (v == null) {
      return min;
    }
    Number n = number(v);
    boolean integral = n != null && n.doubleValue() == Math.rint(n.doubleValue());
    boolean ok = integral && n.doubleValue() >= min && n.doubleValue() <= max;
    return expect(key, v, ok, allowed) ? n.longValue() : min;
  }

  public double decimal(String key, DoublePredicate ok, String allowed) {
    ConfigValue v = value(key, allowed);
    if (v == null) {
      return Double.NaN;
    }
    Number n = number(v);
    return expect(key, v, n != null && ok.test(n.doubleValue()), allowed) ? n.doubleValue() : Double.NaN;
  }

  /** A number when the key is given, NaN when it is missing or null (which here means "not set"). */
  public double optionalDecimal(String key, DoublePredicate ok, String allowed) {
    known.add(key);
    boolean given = present && root.hasPath(at(key));
    return given ? decimal(key, ok, allowed) : Double.NaN;
  }

  /**
   * A value or a closed range of values: one number, or a list {@code [min, max]} of two with
   * {@code min <= max}; both ends must pass {@code ok}. Returns {@code {min, max}}, a single number
   * as {@code {n, n}}, and {@code {NaN, NaN}} when refused.
   *
   * @param allowed what each end may be, for instance "a fraction from 0 to 1"
   */
  public double[] bounds(String key, DoublePredicate ok, String allowed) {
    String expected = allowed + ": one number, or [min, max] with min <= max";
    double[] refused = {Double.NaN, Double.NaN};
    ConfigValue v = value(key, expected);
    if (v == null) {
      return refused;
    }
    List<Number> ends = new ArrayList<>();
    if (v.valueType() == ConfigValueType.LIST) {
      ((ConfigList) v).forEach(element -> ends.add(number(element)));
    } else {
      ends.add(number(v));
      ends.add(number(v));
    }
    boolean valid = ends.size() == 2 && ends.stream().allMatch(n -> n != null && ok.test(n.doubleValue()))
        && ends.get(0).doubleValue() <= ends.get(1).doubleValue();
    return expect(key, v, valid, expected)
        ? new double[] {ends.get(0).doubleValue(), ends.get(1).doubleValue()}
        : refused;
  }

  public boolean flag(String key) {
    ConfigValue v = value(key, "true or false");
    if (v == null) {
      return false;
    }
    try {
      return root.getBoolean(at(key));
    } catch (ConfigException e) {
      expect(key, v, false, "true or false");
      return false;
    }
  }

  /**
   * A duration written with its unit. A bare number would be read as milliseconds, which is never
   * what someone writing {@code cooldown = 15} meant, so it is refused.
   */
  public Duration duration(String key, boolean zeroAllowed) {
    String allowed = zeroAllowed
        ? "a duration of 0 or more with a unit (ms, s, m, h, d), such as 15m"
        : "a positive duration with a unit (ms, s, m, h, d), such as 6h";
    ConfigValue v = value(key, allowed);
    if (v == null) {
      return Duration.ZERO;
    }
    Duration d = null;
    if (v.valueType() == ConfigValueType.STRING) {
      try {
        d = root.getDuration(at(key));
      } catch (ConfigException e) {
        d = null;
      }
    }
    boolean ok = d != null && !d.isNegative() && (zeroAllowed || !d.isZero());
    return expect(key, v, ok, allowed) ? d : Duration.ZERO;
  }

  /** One of the words of an enum, for instance {@code blue-green}. */
  public <E> E word(String key, E[] values, Function<E, String> word) {
    String allowed = Arrays.stream(values).map(word).collect(Collectors.joining(", ", "one of ", ""));
    ConfigValue v = value(key, allowed);
    if (v != null && v.valueType() == ConfigValueType.STRING) {
      String given = (String) v.unwrapped();
      for (E e : values) {
        if (word.apply(e).equals(given)) {
          return e;
        }
      }
    }
    if (v != null) {
      expect(key, v, false, allowed);
    }
    return values[0];
  }

  /** A string; a number or boolean is taken as written, as Typesafe Config does ({@code name = 42}). */
  public String string(String key, Predicate<String> ok, String allowed) {
    ConfigValue v = value(key, allowed);
    if (v == null) {
      return "";
    }
    boolean scalar = switch (v.valueType()) {
      case STRING, NUMBER, BOOLEAN -> true;
      default -> false;
    };
    String text = scalar ? root.getString(at(key)) : "";
    return expect(key, v, scalar && ok.test(text), allowed) ? text : "";
  }

  /** A list of strings each passing {@code ok}; an empty list when it is not one (and a problem names it). */
  public List<String> strings(String key, Predicate<String> ok, String allowed) {
    return list(key, allowed, element -> (element.valueType() == ConfigValueType.STRING
        && ok.test((String) element.unwrapped())) ? (String) element.unwrapped() : null);
  }

  /** A list of integers; an empty list when it is not one (and then a problem names it). */
  public List<Integer> integers(String key, String allowed) {
    return list(key, allowed, element -> {
      Number n = element.valueType() == ConfigValueType.NUMBER ? (Number) element.unwrapped() : null;
      boolean ok = n != null && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) <= 1e9;
      return ok ? n.intValue() : null;
    });
  }

  /** A list whose elements {@code read} accepts (null: refused); an empty list when any is refused. */
  private <T> List<T> list(String key, String allowed, Function<ConfigValue, T> read) {
    ConfigValue v = value(key, allowed);
    if (v == null) {
      return List.of();
    }
    List<T> out = new ArrayList<>();
    boolean ok = v.valueType() == ConfigValueType.LIST;
    if (ok) {
      for (ConfigValue element : (ConfigList) v) {
        T value = read.apply(element);
        ok &= value != null;
        out.add(value);
      }
    }
    return expect(key, v, ok, allowed) ? List.copyOf(out) : List.of();
  }

  /**
   * A problem with a value already read, found by relating it to others (min above max, ...).
   *
   * @param why the whole explanation, for instance "expected at most max-replicas (20)"
   */
  public void refuse(String key, String why) {
    bad.add(key);
    report(at(key), root.hasPath(at(key)) ? root.getValue(at(key)) : null, why);
  }

  /** Reports every key of this section and its sub-sections that was never read. */
  public void rejectUnknownKeys() {
    if (!present) {
      return;
    }
    ConfigObject object = object();
    for (String key : object.keySet()) {
      if (!known.contains(key) && reading.owns.test(at(key))) {
        String allowed = known.stream().collect(Collectors.joining(", ", "unknown key: expected one of ", ""));
        report(at(key), object.get(key), allowed);
      }
    }
    children.forEach(HoconSection::rejectUnknownKeys);
  }

  private ConfigObject object() {
    return path.isEmpty() ? root.root() : root.getObject(path);
  }

  /** The value of a key, or null (and a problem) when it is missing, null, or this section is. */
  private ConfigValue value(String key, String allowed) {
    known.add(key);
    if (!present) {
      bad.add(key);
      return null;
    }
    String full = at(key);
    if (!root.hasPath(full)) {
      // Config.getValue throws for a null value: show it as null, so that "key = null" is named
      // like any other wrong value instead of aborting the whole reading.
      report(full, root.hasPathOrNull(full) ? ConfigValueFactory.fromAnyRef(null) : null, "expected " + allowed);
      bad.add(key);
      return null;
    }
    return root.getValue(full);
  }

  private boolean expect(String key, ConfigValue v, boolean ok, String allowed) {
    if (!ok) {
      report(at(key), v, "expected " + allowed);
      bad.add(key);
    }
    return ok;
  }

  private void report(String fullPath, ConfigValue v, String allowed) {
    reading.problems.add(reading.locate.apply(fullPath) + " = " + show(v) + ": " + allowed);
  }

  /** A number, also from a string such as an environment variable substitution gives; else null. */
  private static Number number(ConfigValue v) {
    if (v.valueType() == ConfigValueType.NUMBER) {
      return (Number) v.unwrapped();
    }
    if (v.valueType() == ConfigValueType.STRING) {
      try {
        return Double.parseDouble(((String) v.unwrapped()).trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private String at(String key) {
    String quoted = ConfigUtil.joinPath(key);
    return path.isEmpty() ? quoted : path + "." + quoted;
  }

  /** A value as the user wrote it, for a problem's message: see {@link HoconText#show}. */
  public static String show(ConfigValue v) {
    return HoconText.show(v);
  }
}
