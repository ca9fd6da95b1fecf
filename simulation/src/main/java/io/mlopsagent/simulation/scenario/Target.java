package io.mlopsagent.simulation.scenario;

/**
 * Which models something applies to: those of {@code group} (null: any group) whose names match
 * {@code models} (a glob, * and ?; null: any), the first {@code count} of them in fleet order
 * (0: all that match).
 */
public record Target(String group, String models, int count) {
  public static final Target ALL = new Target(null, null, 0);
}
