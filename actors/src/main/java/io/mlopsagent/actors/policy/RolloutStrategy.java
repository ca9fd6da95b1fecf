package io.mlopsagent.actors.policy;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a new version replaces the stable one. */
public enum RolloutStrategy {
  /** Traffic moves to the new version step by step, each step analysed before the next. */
  CANARY("canary"),
  /** The new version runs beside the stable one, is analysed, then takes all traffic at once. */
  BLUE_GREEN("blue-green"),
  /**
   * The stable version's pods are replaced in batches of {@code rolling.max-surge}, each batch
   * only health-checked: fastest, and riskiest.
   */
  ROLLING("rolling");

  private final String word;

  RolloutStrategy(String word) {
    this.word = word;
  }

  @JsonValue
  public String word() {
    return word;
  }
}
