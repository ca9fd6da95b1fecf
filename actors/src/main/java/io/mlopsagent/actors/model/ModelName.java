package io.mlopsagent.actors.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of a model: the value of the {@code mlops.ai/model} label on its workload, so it obeys
 * the Kubernetes label-value rules (1-63 characters, letters and digits at both ends, '-', '_'
 * and '.' inside). That also keeps it safe inside a PromQL label matcher, a URL path segment and a
 * persistence id.
 */
public record ModelName(String value) implements Comparable<ModelName> {
  public static final int MAX_LENGTH = 63;
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?");

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public ModelName {
    Objects.requireNonNull(value, "model name");
    if (!isValid(value)) {
      throw new IllegalArgumentException(problem(value));
    }
  }

  public static ModelName of(String value) {
    return new ModelName(value);
  }

  public static boolean isValid(String value) {
    return value != null && VALID.matcher(value).matches();
  }

  /** Why a string is not a model name, phrased for an error message. */
  public static String problem(String value) {
    String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
    return "model name '" + shown + "' is invalid: use 1-" + MAX_LENGTH
        + " characters, letters and digits at both ends, '-', '_' or '.' inside";
  }

  @JsonValue
  @Override
  public String value() {
    return value;
  }

  @Override
  public int compareTo(ModelName other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
