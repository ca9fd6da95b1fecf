package io.mlopsagent.actors.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.mlopsagent.persistence.CborSerializable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A pattern over model names: {@code *} stands for any run of characters (none too), {@code ?}
 * for exactly one; every other character stands for itself, case-sensitively, as label values are.
 * Only characters a model name can hold are allowed, so a pattern that could never match is refused
 * when the policies load instead of silently matching nothing.
 */
public record ModelGlob(String pattern) implements CborSerializable {
  // Before ANY: static fields initialise in order, and ANY's constructor needs it.
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._*?-]{1,253}");

  /** The glob that matches every model: what an override without {@code match.model} uses. */
  public static final ModelGlob ANY = new ModelGlob("*");
  /** What {@link #isValid} allows, phrased for an error message. */
  public static final String RULE =
      "a glob of letters, digits, '-', '_' and '.', with * for any run of characters and ? for one";

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public ModelGlob {
    Objects.requireNonNull(pattern, "pattern");
    if (!isValid(pattern)) {
      throw new IllegalArgumentException("model glob '" + pattern + "' is invalid: expected " + RULE);
    }
  }

  public static boolean isValid(String pattern) {
    return pattern != null && VALID.matcher(pattern).matches();
  }

  /**
   * Whether the whole name matches. Greedy with backtracking to the last star: linear for the
   * usual one-star patterns and never exponential, unlike a naive recursive matcher.
   */
  public boolean matches(String name) {
    int p = 0;
    int n = 0;
    int star = -1;
    int resumeAt = 0;
    while (n < name.length()) {
      if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == name.charAt(n))) {
        p++;
        n++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        resumeAt = n;
      } else if (star >= 0) {
        // Let the last star swallow one more character and try the rest again.
        p = star + 1;
        n = ++resumeAt;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  @JsonValue
  @Override
  public String pattern() {
    return pattern;
  }

  @Override
  public String toString() {
    return pattern;
  }
}
