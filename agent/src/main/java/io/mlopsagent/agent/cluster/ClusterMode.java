package io.mlopsagent.agent.cluster;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a node finds the rest of its cluster ({@code mlops.cluster.bootstrap}).
 */
public enum ClusterMode {
  /** One node that joins itself: the demo, a single-node install, a laptop. */
  OFF("off"),
  /** Join the nodes listed in {@code pekko.cluster.seed-nodes}: fixed hosts, or local processes. */
  SEED_NODES("seed-nodes"),
  /** Pekko Management's cluster bootstrap, finding the other pods through the Kubernetes API. */
  KUBERNETES("kubernetes");

  private final String word;

  ClusterMode(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  /** @throws IllegalArgumentException naming the value and the allowed ones */
  public static ClusterMode of(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(m -> m.word.equals(v)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("mlops.cluster.bootstrap = '" + value
            + "' is invalid: expected off, seed-nodes or kubernetes"));
  }
}
