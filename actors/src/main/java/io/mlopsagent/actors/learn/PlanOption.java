package io.mlopsagent.actors.learn;

import io.mlopsagent.actors.rollout.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A way to roll out: the strategy and, for a canary, its weights (for a rolling update, its batches). */
record PlanOption(Strategy strategy, List<Integer> weights) {

  /** Where the careful canary starts: a tenth of the traffic (the seed's canary). */
  static final int CAREFUL_FIRST_WEIGHT = 10;
  static final PlanOption BLUE_GREEN = new PlanOption(Strategy.BLUE_GREEN, List.of());
  static final PlanOption SHORT_CANARY = new PlanOption(Strategy.CANARY, List.of(25, 100));

  PlanOption {
    weights = List.copyOf(weights);
  }

  /** The policy's own way: its strategy with its weights (a rolling policy's batches). */
  static PlanOption policy(PlanRequest request) {
    return request.now().strategy() == Strategy.ROLLING ? rolling(request)
        : new PlanOption(request.now().strategy(), request.policyCanaryWeights());
  }

  /** The rolling update in the batches the policy's max surge gives. */
  static PlanOption rolling(PlanRequest request) {
    return new PlanOption(Strategy.ROLLING, request.rollingBatches());
  }

  /**
   * The careful canary: 10 % first, then the policy's weights above 10 (10/50/100 for a blue-green
   * or rolling policy). A policy canary that already starts at or below 10 % is careful as it is.
   */
  static PlanOption careful(PlanRequest request) {
    List<Integer> policy = request.policyCanaryWeights();
    if (request.now().strategy() == Strategy.CANARY && policy.get(0) <= CAREFUL_FIRST_WEIGHT) {
      return policy(request);
    }
    if (request.now().strategy() != Strategy.CANARY) {
      return new PlanOption(Strategy.CANARY, List.of(CAREFUL_FIRST_WEIGHT, 50, 100));
    }
    List<Integer> weights = new ArrayList<>();
    weights.add(CAREFUL_FIRST_WEIGHT);
    policy.stream().filter(w -> w > CAREFUL_FIRST_WEIGHT).forEach(weights::add);
    return new PlanOption(Strategy.CANARY, weights);
  }

  int steps() {
    return strategy == Strategy.BLUE_GREEN ? 1 : weights.size();
  }

  /**
   * Whether this is one of the quick alternatives the optimizer may propose: blue-green or the short
   * canary (the new version meets all or a quarter of the traffic after a single analysis), or a
   * rolling update (only health-checked, never compared with the stable version: a version that
   * is worse but not failing reaches everyone). A bad version hurts more users before it is caught.
   */
  boolean quick() {
    return equals(BLUE_GREEN) || equals(SHORT_CANARY) || strategy == Strategy.ROLLING;
  }

  String describe() {
    String steps = weights.stream().map(String::valueOf).collect(Collectors.joining("/"));
    return switch (strategy) {
      case CANARY -> "canary " + steps;
      case ROLLING -> "rolling " + steps;
      case BLUE_GREEN -> "blue-green";
    };
  }
}
