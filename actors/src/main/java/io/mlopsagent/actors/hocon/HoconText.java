package io.mlopsagent.actors.hocon;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * HOCON text as users write it, and as it may arrive broken: values shown in problems, and parsing
 * that survives a file nested thousands of levels deep.
 */
public final class HoconText {
  /** Levels of lists and objects {@link #show} renders; deeper ones are elided. */
  private static final int SHOWN_DEPTH = 8;

  private HoconText() {}

  /**
   * A value as the user wrote it: strings quoted so an empty or spaced one is visible, at most 120
   * characters. A list or object nested deeper than {@link #SHOWN_DEPTH} is shown as {@code [...]}
   * or {@code {...}}: showing it whole recursed once per level, and a policies file nested some 700
   * levels deep overflowed the stack instead of being refused.
   */
  public static String show(ConfigValue v) {
    if (v == null) {
      return "(missing)";
    }
    boolean deep = deeperThan(v, SHOWN_DEPTH);
    String shown = switch (v.valueType()) {
      case NULL -> "null";
      case STRING -> "\"" + v.unwrapped() + "\"";
      case NUMBER, BOOLEAN -> v.render(ConfigRenderOptions.concise());
      case LIST -> deep ? "[...]"
          : ((ConfigList) v).stream().map(HoconText::show).collect(Collectors.joining(", ", "[", "]"));
      case OBJECT -> deep ? "{...}" : v.render(ConfigRenderOptions.concise());
    };
    return shown.length() > 120 ? shown.substring(0, 117) + "..." : shown;
  }

  /**
   * What {@code parse} returns. Typesafe Config parses, resolves and merges recursively, one frame
   * per level of nesting: a file with some 800 {@code [} in a row overflows the stack. That
   * file is refused like any other that cannot be read, as a {@link ConfigException} whose message
   * says why, rather than as an error that would take down whoever reloads policies.
   */
  public static <T> T guarded(Supplier<T> parse) {
    try {
      return parse.get();
    } catch (StackOverflowError e) {
      throw new ConfigException.Generic("lists or objects are nested too deeply to be read (hundreds of"
          + " levels of [ or { in a row): expected a file nested a few levels deep");
    }
  }

  /** Whether {@code v} nests lists or objects more than {@code levels} deep; looks no deeper than that. */
  private static boolean deeperThan(ConfigValue v, int levels) {
    if (v.valueType() != ConfigValueType.LIST && v.valueType() != ConfigValueType.OBJECT) {
      return false;
    }
    Collection<? extends ConfigValue> children = v instanceof ConfigList list ? list
        : v instanceof ConfigObject object ? object.values() : List.of();
    return levels == 0 || children.stream().anyMatch(child -> deeperThan(child, levels - 1));
  }
}
