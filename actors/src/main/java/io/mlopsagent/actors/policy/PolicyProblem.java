package io.mlopsagent.actors.policy;

import java.util.List;

/**
 * A policy file that cannot be used, with every problem found in it, so an operator fixes them all
 * in one round. Each problem reads {@code policies.<path> = <value>: <what is allowed>}. Nothing of
 * the file applies: whoever loaded it keeps the policies it had.
 */
public final class PolicyProblem extends IllegalArgumentException {
  private final List<String> problems;

  public PolicyProblem(List<String> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per problem: the top level, the default, then each override in file order. */
  public List<String> problems() {
    return problems;
  }

  private static String message(List<String> problems) {
    String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
    return "policies refused, " + count + ":\n  " + String.join("\n  ", problems);
  }
}
