package io.mlopsagent.actors.policy;

import com.fasterxml.jackson.annotation.JsonValue;

/** How far the agent may go for a model: the word is what the policy file and the journal say. */
public enum PolicyMode {
  /** Detect, decide and actuate. */
  ACT("act"),
  /** Detect and decide, journal what would have been done, actuate nothing: a dry run in production. */
  RECOMMEND("recommend"),
  /** Detect only: no decisions, no actions. */
  OBSERVE("observe");

  private final String word;

  PolicyMode(String word) {
    this.word = word;
  }

  @JsonValue
  public String word() {
    return word;
  }
}
