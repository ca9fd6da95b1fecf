package io.mlopsagent.actors.policy;

import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.persistence.CborSerializable;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which models an override applies to: those whose name matches {@code model} and whose labels
 * include every one of {@code labels} with an equal value.
 *
 * @param model glob over model names; {@link ModelGlob#ANY} when the override matches by labels only
 * @param labels Kubernetes labels the model's workload must carry, all of them; empty for none
 */
public record PolicyMatch(ModelGlob model, Map<String, String> labels) implements CborSerializable {
  /** What {@link #isLabelKey} allows, phrased for an error message. */
  public static final String LABEL_KEY_RULE = "a Kubernetes label key: an optional DNS prefix and '/',"
      + " then 1-63 characters, letters and digits at both ends, '-', '_' or '.' inside";
  /** What {@link #isLabelValue} allows, phrased for an error message. */
  public static final String LABEL_VALUE_RULE = "a Kubernetes label value: empty, or 1-63 characters,"
      + " letters and digits at both ends, '-', '_' or '.' inside";

  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  public PolicyMatch {
    Objects.requireNonNull(model, "model");
    labels = Map.copyOf(labels);
    labels.forEach((key, value) -> {
      if (!isLabelKey(key) || !isLabelValue(value)) {
        throw new IllegalArgumentException("label " + key + "=" + value + " is not a valid Kubernetes label");
      }
    });
  }

  public boolean matches(ModelName name, Map<String, String> modelLabels) {
    if (!model.matches(name.value())) {
      return false;
    }
    for (Map.Entry<String, String> wanted : labels.entrySet()) {
      if (!wanted.getValue().equals(modelLabels.get(wanted.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** A label key as Kubernetes accepts it, for instance {@code team} or {@code mlops.ai/tier}. */
  public static boolean isLabelKey(String key) {
    int slash = key.indexOf('/');
    if (slash < 0) {
      return ModelName.isValid(key);
    }
    String prefix = key.substring(0, slash);
    return prefix.length() <= 253 && DNS_SUBDOMAIN.matcher(prefix).matches()
        && ModelName.isValid(key.substring(slash + 1));
  }

  /** A label value as Kubernetes accepts it: the same rule as a model name, or empty. */
  public static boolean isLabelValue(String value) {
    return value.isEmpty() || ModelName.isValid(value);
  }
}
