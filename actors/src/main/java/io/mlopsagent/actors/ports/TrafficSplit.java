package io.mlopsagent.actors.ports;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a candidate version gets its share of traffic, as a policy asks for it. */
public enum TrafficSplit {
  /** Whatever the cluster adapter is configured to do. */
  CLUSTER_DEFAULT("default"),
  /** By the ratio of replicas behind one Service (approximate). */
  REPLICAS("replicas"),
  /** By weights on a Gateway API HTTPRoute (exact). */
  GATEWAY_API("gateway-api");

  private final String word;

  TrafficSplit(String word) {
    this.word = word;
  }

  @JsonValue
  public String word() {
    return word;
  }
}
