package io.mlopsagent.actors.learn;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The seed's three rules, the plan while no learned model is trusted (a cold start needs a plan
 * that is safe without any data): a slow deployment gets more CPU, a peak hour waits, a large
 * artifact goes out as a careful canary. Their confidence is fixed and low: they are rules of
 * thumb, the same for every model.
 */
final class RulePlanner {
  /** A rule's confidence: it was not measured on this fleet. */
  static final double CONFIDENCE = 0.3;
  /** A deployment estimated slower than this gets more CPU. */
  static final double SLOW_SECONDS = 300;
  /** Most CPU per replica the slow-deployment rule asks for. */
  static final double SLOW_MAX_CORES = 4;
  /** CPU per replica the slow-deployment rule gives per unit of complexity. */
  static final double CORES_PER_COMPLEXITY = 2;
  /** How long a rollout at a peak hour waits. */
  static final Duration PEAK_WAIT = Duration.ofHours(2);
  /** While the fleet's load profile is not learned, these UTC hours (inclusive) count as peak. */
  static final int DEFAULT_PEAK_FROM = 9;
  static final int DEFAULT_PEAK_TO = 17;
  /** Artifacts over this size go out as the careful canary. */
  static final double LARGE_MB = 100;

  private RulePlanner() {}

  /**
   * The seed's estimate of how long a deployment takes to get its new pods serving: 60 s, plus 0.3 s
   * per MB of artifact (pulling and loading it), plus 30 s per unit of complexity (warming up).
   * Unknown size or complexity adds nothing. The analysis steps are left out: more CPU does not make
   * them shorter, and the estimate is only there to decide on CPU.
   */
  static double ruleOfThumbSeconds(DeploymentFeatures f) {
    return 60 + 0.3 * orZero(f.sizeMb()) + 30 * orZero(f.complexity());
  }

  /** The CPU rule a gives this deployment. */
  static double ruleCores(PlanRequest request) {
    return cores(request, ruleOfThumbSeconds(request.now()));
  }

  /** The rules' plan; {@code whyRules} says why the learned model did not plan (for the basis). */
  static DeploymentPlan plan(PlanRequest request, String whyRules) {
    double estimate = ruleOfThumbSeconds(request.now());
    PlanOption option = strategy(request);
    Instant startAt = request.at().plus(delay(request));
    double cores = cores(request, estimate);
    return new DeploymentPlan(option.strategy(), option.weights(), request.at(), startAt, cores,
        part(option.describe(), strategyReason(request, option), estimate),
        part(startAt.equals(request.at()) ? "now" : PlanPhrases.clock(startAt, request.at()),
            startReason(request, startAt), estimate),
        part(PlanPhrases.cores(cores) + " per replica", coresReason(request, estimate, cores), estimate),
        false, "rules: " + whyRules, new Prediction(estimate, Double.NaN));
  }

  /** Rule c: an artifact over 100 MB goes out as the careful canary, else the policy's way. */
  private static PlanOption strategy(PlanRequest request) {
    return request.now().sizeMb() > LARGE_MB ? PlanOption.careful(request) : PlanOption.policy(request);
  }

  private static String strategyReason(PlanRequest request, PlanOption chosen) {
    double mb = request.now().sizeMb();
    if (Double.isNaN(mb)) {
      return "rule: artifact size unknown: the policy's " + chosen.describe();
    }
    if (mb > LARGE_MB) {
      return String.format(Locale.ROOT, "rule: %.0f MB is over %.0f MB: %s, starting at %d %%", mb, LARGE_MB,
          chosen.describe(), chosen.weights().get(0));
    }
    return String.format(Locale.ROOT, "rule: %.0f MB is within %.0f MB: the policy's %s", mb, LARGE_MB,
        chosen.describe());
  }

  /** Rule b: a rollout at a peak hour waits two hours (at most the policy's delay); an urgent one never. */
  private static Duration delay(PlanRequest request) {
    if (request.urgent() || !isPeak(request)) {
      return Duration.ZERO;
    }
    return PEAK_WAIT.compareTo(request.maxDelay()) <= 0 ? PEAK_WAIT : request.maxDelay();
  }

  private static boolean isPeak(PlanRequest request) {
    int hour = FleetLoadProfile.hourOf(request.at());
    if (request.fleet().learned()) {
      return request.fleet().isPeak(hour);
    }
    return hour >= DEFAULT_PEAK_FROM && hour <= DEFAULT_PEAK_TO;
  }

  private static String startReason(PlanRequest request, Instant startAt) {
    if (request.urgent()) {
      return "rule: a degradation triggered this rollout, users are hurting: start now";
    }
    int hour = FleetLoadProfile.hourOf(request.at());
    String which = request.fleet().learned() ? "the fleet's learned peak hours"
        : String.format(Locale.ROOT, "%02d..%02d UTC, the peak until the fleet's load is learned",
            DEFAULT_PEAK_FROM, DEFAULT_PEAK_TO);
    if (!isPeak(request)) {
      return String.format(Locale.ROOT, "rule: %02d:00 UTC is not among %s: start now", hour, which);
    }
    if (startAt.equals(request.at())) {
      return String.format(Locale.ROOT, "rule: %02d:00 UTC is among %s, but the policy allows no delay: start now",
          hour, which);
    }
    return String.format(Locale.ROOT, "rule: %02d:00 UTC is among %s: start %s later", hour, which,
        PlanPhrases.span(Duration.between(request.at(), startAt)));
  }

  /**
   * Rule a: a deployment estimated over 5 minutes gets complexity x 2 cores (at most 4), never less
   * than the usage asks for; otherwise what the usage asks for. The policy's cap always holds.
   */
  private static double cores(PlanRequest request, double estimate) {
    double usage = request.usageBasedCores();
    if (estimate <= SLOW_SECONDS) {
      return usage;
    }
    return Math.min(request.maxCpuCores(), Math.max(usage, slowDeploymentCores(request)));
  }

  /** What rule a gives a slow deployment: complexity x 2 cores, at most 4. */
  static double slowDeploymentCores(PlanRequest request) {
    return PlanRequest.roundedUp(Math.min(SLOW_MAX_CORES, orZero(request.now().complexity()) * CORES_PER_COMPLEXITY));
  }

  private static String coresReason(PlanRequest request, double estimate, double cores) {
    String usage = request.usageBasedLabel() + ", " + request.cpu().reason();
    if (estimate <= SLOW_SECONDS) {
      return "rule: estimated " + PlanPhrases.minutes(estimate) + " to deploy, within 5 min: " + usage;
    }
    String slow = String.format(Locale.ROOT, "complexity %.1f x %.0f, at most %.0f",
        orZero(request.now().complexity()), CORES_PER_COMPLEXITY, SLOW_MAX_CORES);
    String capped = cores == request.maxCpuCores() ? ", capped by the policy" : "";
    return "rule: estimated " + PlanPhrases.minutes(estimate) + " to deploy, over 5 min: "
        + PlanPhrases.cores(cores) + " (" + slow + "; never below the " + usage + ")" + capped;
  }

  private static PlanPart part(String decision, String reason, double estimate) {
    return new PlanPart(decision, reason, CONFIDENCE, estimate, Double.NaN);
  }

  private static double orZero(double v) {
    return Double.isFinite(v) ? v : 0;
  }
}
