package io.mlopsagent.actors.policy;

import com.fasterxml.jackson.annotation.JsonValue;

/** What scaling changes: the number of replicas, the CPU of each replica, or both. */
public enum ScalingResource {
  REPLICAS("replicas"),
  CPU("cpu"),
  BOTH("both");

  private final String word;

  ScalingResource(String word) {
    this.word = word;
  }

  @JsonValue
  public String word() {
    return word;
  }
}
