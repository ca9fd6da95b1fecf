package io.mlopsagent.actors.analysis;

/** How a condition compares a measured value with its threshold. */
public enum Comparison {
  AT_LEAST(">="),
  AT_MOST("<="),
  ABOVE(">"),
  BELOW("<");

  private final String symbol;

  Comparison(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  public boolean holds(double value, double threshold) {
    return switch (this) {
      case AT_LEAST -> value >= threshold;
      case AT_MOST -> value <= threshold;
      case ABOVE -> value > threshold;
      case BELOW -> value < threshold;
    };
  }
}
