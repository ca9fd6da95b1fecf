package io.mlopsagent.actors.learn;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans with a trusted model: predicts every combination of strategy, CPU and start, and picks the
 * one with the least expected cost. The cost is the expected time to a successful deployment
 * (duration, plus the risk times a retry: the duration again and four hours, since a failed
 * rollout rejects its version and users wait for the next one) plus the price of what the plan
 * spends to get there: waiting (a twentieth of its time: a rollout that may wait is not urgent,
 * nothing is in flight, only the new version's benefit comes later) and CPU beyond what the usage
 * asks for (a minute per extra core, as the cores stay requested after the rollout). The CPU
 * options include what the seed's rule would give, so a learned plan can always do what the rules
 * do. The policy's plan now at the usage-based CPU wins every tie.
 */
final class LearnedPlanner {
  static final double RETRY_PENALTY_SECONDS = 4 * 3600;
  static final double DELAY_WEIGHT = 0.05;
  static final double EXTRA_CORE_SECONDS = 60;
  /** A quick alternative (blue-green, short canary, rolling) is refused at this predicted risk or more. */
  static final double QUICK_MAX_RISK = 0.2;
  /** Costs closer than this are a tie: predictions are not that precise. */
  static final double TIE_SECONDS = 1;
  /** CPU options, as multiples of the usage-based CPU. */
  static final double[] CPU_FACTORS = {1, 1.5, 2, 3};
  /** Most CPU per replica the optimizer proposes on its own (the policy's cap may be lower). */
  static final double MAX_PROPOSED_CORES = 4;
  /** Outcomes behind a model for full confidence in its choices. */
  static final int FULL_CONFIDENCE_OUTCOMES = 200;

  /** A moment to start at, with what the features need of it. */
  private record Start(Instant at, int hour, int day, double load) {}

  private final PlanRequest request;
  private final LearnedModel model;
  private final List<PlanOption> options = new ArrayList<>();
  private final List<Double> cpus = new ArrayList<>();
  private final List<Start> starts = new ArrayList<>();
  private Prediction[][][] grid;

  private LearnedPlanner(PlanRequest request, LearnedModel model) {
    this.request = request;
    this.model = model;
  }

  /**
   * The model's plan; empty when the model gives no usable prediction for the policy's plan now (a
   * NaN or negative duration, a NaN risk), which leaves nothing to compare against.
   */
  static Optional<DeploymentPlan> plan(PlanRequest request, LearnedModel model) {
    return new LearnedPlanner(request, model).plan();
  }

  private Optional<DeploymentPlan> plan() {
    enumerate();
    predictAll();
    if (grid[0][0][0] == null) {
      return Optional.empty();
    }
    int[] best = {0, 0, 0};
    for (int s = 0; s < options.size(); s++) {
      for (int c = 0; c < cpus.size(); c++) {
        for (int t = 0; t < starts.size(); t++) {
          if (allowed(s, c, t) && cost(s, c, t) < cost(best[0], best[1], best[2]) - TIE_SECONDS) {
            best = new int[] {s, c, t};
          }
        }
      }
    }
    return Optional.of(toPlan(best[0], best[1], best[2]));
  }

  private void enumerate() {
    PlanOption policy = PlanOption.policy(request);
    for (PlanOption o : List.of(policy, PlanOption.careful(request), PlanOption.SHORT_CANARY, PlanOption.BLUE_GREEN,
        PlanOption.rolling(request))) {
      if (!options.contains(o)) {
        options.add(o);
      }
    }
    double base = request.usageBasedCores();
    double ceiling = Math.max(base, Math.min(MAX_PROPOSED_CORES, request.maxCpuCores()));
    // What the rules give is the floor: the outcomes come from deployments that had at least that
    // much, and a forest cannot say what less would do (it does not extrapolate), so fewer cores
    // would look free of cost. Above it, more CPU is a choice the outcomes can price.
    double floor = RulePlanner.ruleCores(request);
    cpus.add(floor);
    for (double factor : CPU_FACTORS) {
      double cores = Math.min(ceiling, PlanRequest.roundedUp(base * factor));
      if (cores > floor && !cpus.contains(cores)) {
        cpus.add(cores);
      }
    }
    double most = Math.min(ceiling, MAX_PROPOSED_CORES);
    if (most > floor && !cpus.contains(most)) {
      cpus.add(most);
    }
    DeploymentFeatures now = request.now();
    starts.add(new Start(request.at(), now.hourOfDay(), now.dayOfWeek(), now.fleetLoad()));
    if (request.urgent() || !request.fleet().learned()) {
      return;
    }
    Instant latest = request.at().plus(request.maxDelay());
    for (Instant at = request.at().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)); !at.isAfter(latest);
        at = at.plus(Duration.ofHours(1))) {
      int hour = FleetLoadProfile.hourOf(at);
      double load = request.fleet().expected(hour);
      if (!Double.isNaN(load)) { // an hour never seen: its load is not known, so neither is the prediction
        starts.add(new Start(at, hour, at.atOffset(ZoneOffset.UTC).getDayOfWeek().getValue(), load));
      }
    }
  }

  private void predictAll() {
    grid = new Prediction[options.size()][cpus.size()][starts.size()];
    for (int s = 0; s < options.size(); s++) {
      PlanOption o = options.get(s);
      for (int c = 0; c < cpus.size(); c++) {
        // Each strategy checks its steps for its own time: a rolling batch reads once, a canary step analyses.
        DeploymentFeatures planned = request.now().withPlan(o.strategy(), o.steps(), cpus.get(c))
            .withAnalysisSecondsPerStep(request.stepSeconds(o.strategy()));
        for (int t = 0; t < starts.size(); t++) {
          Start start = starts.get(t);
          DeploymentFeatures f = t == 0 ? planned : planned.at(start.hour(), start.day(), start.load());
          grid[s][c][t] = usable(model.predictor().predict(f));
        }
      }
    }
  }

  /** The prediction with its risk clamped to 0..1, or null when it cannot be planned with. */
  private static Prediction usable(Prediction p) {
    if (p == null || !Double.isFinite(p.durationSeconds()) || p.durationSeconds() < 0
        || Double.isNaN(p.failureRisk())) {
      return null;
    }
    return new Prediction(p.durationSeconds(), Math.max(0, Math.min(1, p.failureRisk())));
  }

  /** Quick alternatives to the policy's way must be predicted safe; the policy's own way always is allowed. */
  private boolean allowed(int s, int c, int t) {
    Prediction p = grid[s][c][t];
    return p != null && (s == 0 || !options.get(s).quick() || p.failureRisk() < QUICK_MAX_RISK);
  }

  private double cost(int s, int c, int t) {
    Prediction p = grid[s][c][t];
    double d = p.durationSeconds();
    double delay = Duration.between(request.at(), starts.get(t).at()).toSeconds();
    return d + p.failureRisk() * (d + RETRY_PENALTY_SECONDS) + DELAY_WEIGHT * delay
        + EXTRA_CORE_SECONDS * (cpus.get(c) - cpus.get(0));
  }

  private DeploymentPlan toPlan(int s, int c, int t) {
    Prediction p = grid[s][c][t];
    PlanOption o = options.get(s);
    Start start = starts.get(t);
    double scale = Math.min(1.0, (double) model.trainingSize() / FULL_CONFIDENCE_OUTCOMES);
    double durationConfidence = scale * clamp01(model.holdout().durationR2());
    double auc = model.holdout().riskAuc();
    double riskConfidence = scale * (Double.isNaN(auc) ? 0.5 : clamp01((auc - 0.5) / 0.5));
    return new DeploymentPlan(o.strategy(), o.weights(), request.at(), start.at(), cpus.get(c),
        new PlanPart(o.describe(), strategyReason(s, c, t), riskConfidence, p.durationSeconds(), p.failureRisk()),
        new PlanPart(t == 0 ? "now" : PlanPhrases.clock(start.at(), request.at()), startReason(s, c, t),
            durationConfidence, p.durationSeconds(), p.failureRisk()),
        new PlanPart(PlanPhrases.cores(cpus.get(c)) + " per replica", resourcesReason(s, c, t),
            durationConfidence, p.durationSeconds(), p.failureRisk()),
        true, model.describe(), p);
  }

  private String strategyReason(int s, int c, int t) {
    String refused = refusedQuick(c, t);
    if (s == 0) {
      int alternative = -1;
      for (int o = 1; o < options.size(); o++) {
        if (allowed(o, c, t) && (alternative < 0 || cost(o, c, t) < cost(alternative, c, t))) {
          alternative = o;
        }
      }
      String other = alternative < 0 ? "" : "; the best alternative, " + options.get(alternative).describe()
          + ", predicted " + outcome(grid[alternative][c][t]) + ", does not pay off";
      return "the policy's " + options.get(0).describe() + ": predicted " + outcome(grid[s][c][t]) + other + refused;
    }
    return options.get(s).describe() + " instead of the policy's " + options.get(0).describe() + ": predicted "
        + outcome(grid[s][c][t]) + ", against " + outcome(grid[0][c][t]) + refused;
  }

  /** Why quick alternatives were not taken at this CPU and start, if their risk ruled them out. */
  private String refusedQuick(int c, int t) {
    StringBuilder refused = new StringBuilder();
    for (int o = 1; o < options.size(); o++) {
      Prediction p = grid[o][c][t];
      if (options.get(o).quick() && p != null && !allowed(o, c, t)) {
        refused.append("; ").append(options.get(o).describe()).append(" refused: predicted ")
            .append(PlanPhrases.percent(p.failureRisk())).append(" risk, ")
            .append(PlanPhrases.percent(QUICK_MAX_RISK)).append(" is the most a quick rollout may carry");
      }
    }
    return refused.toString();
  }

  private String startReason(int s, int c, int t) {
    if (t > 0) {
      return "start at " + PlanPhrases.clock(starts.get(t).at(), request.at()) + " instead of now: predicted "
          + outcome(grid[s][c][t]) + " then, against " + outcome(grid[s][c][0]) + " now";
    }
    if (request.urgent()) {
      return "start now: a degradation triggered this rollout, users are hurting";
    }
    if (!request.fleet().learned()) {
      return "start now: the fleet's load by hour is not learned yet, so later hours cannot be predicted";
    }
    int later = -1;
    for (int u = 1; u < starts.size(); u++) {
      if (allowed(s, c, u) && (later < 0 || cost(s, c, u) < cost(s, c, later))) {
        later = u;
      }
    }
    if (later < 0) {
      return "start now: no later whole hour within the policy's " + PlanPhrases.span(request.maxDelay())
          + " delay can be predicted";
    }
    return "start now: waiting does not pay off (best later start " + PlanPhrases.clock(starts.get(later).at(),
        request.at()) + ": " + outcome(grid[s][c][later]) + ", against " + outcome(grid[s][c][0]) + " now)";
  }

  private String resourcesReason(int s, int c, int t) {
    String base = cpus.get(0) > request.usageBasedCores()
        ? PlanPhrases.cores(cpus.get(0)) + " (the rules' CPU for a slow deployment, the least tried)"
        : request.usageBasedLabel();
    if (c > 0) {
      return PlanPhrases.cores(cpus.get(c)) + " per replica: predicted " + minutes(grid[s][c][t]) + " against "
          + minutes(grid[s][0][t]) + " at the " + base;
    }
    if (cpus.size() == 1) {
      return base + " per replica: no more to try, the optimizer proposes at most "
          + PlanPhrases.cores(Math.min(MAX_PROPOSED_CORES, request.maxCpuCores()));
    }
    int fastest = -1;
    for (int k = 1; k < cpus.size(); k++) {
      if (allowed(s, k, t) && (fastest < 0
          || grid[s][k][t].durationSeconds() < grid[s][fastest][t].durationSeconds())) {
        fastest = k;
      }
    }
    if (fastest < 0) {
      return base + " per replica: no usable prediction with more CPU";
    }
    return base + " per replica: more CPU does not pay off (" + minutes(grid[s][fastest][t]) + " at "
        + PlanPhrases.cores(cpus.get(fastest)) + ", against " + minutes(grid[s][c][t]) + ")";
  }

  private static String outcome(Prediction p) {
    return p == null ? "no usable prediction"
        : PlanPhrases.minutes(p.durationSeconds()) + " and " + PlanPhrases.percent(p.failureRisk()) + " risk";
  }

  private static String minutes(Prediction p) {
    return p == null ? "no usable prediction" : PlanPhrases.minutes(p.durationSeconds());
  }

  private static double clamp01(double v) {
    return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
  }
}
