package io.mlopsagent.simulation.scenario;

import java.util.List;

/**
 * A scenario file that cannot be used, with every problem found in it, so its author fixes them
 * all in one round. Each problem reads {@code scenario.<path> = <value>: <what is allowed>}; a file
 * that cannot be read or parsed at all has one problem saying so.
 */
public final class ScenarioProblem extends IllegalArgumentException {
  private final List<String> problems;

  private ScenarioProblem(String message, List<String> problems) {
    super(message);
    this.problems = List.copyOf(problems);
  }

  /** A file whose values break the schema. */
  static ScenarioProblem refused(String origin, List<String> problems) {
    String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
    return new ScenarioProblem(origin + " refused, " + count + ":\n  " + String.join("\n  ", problems), problems);
  }

  /** A file that is missing, unreadable or not HOCON: one line naming it. */
  static ScenarioProblem unreadable(String origin, String why) {
    return new ScenarioProblem(origin + ": " + why, List.of(why));
  }

  /** The problems in file order. */
  public List<String> problems() {
    return problems;
  }
}
