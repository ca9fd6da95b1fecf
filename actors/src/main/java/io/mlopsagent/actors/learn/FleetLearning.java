package io.mlopsagent.actors.learn;

import java.time.Duration;
import java.time.Instant;

/**
 * What every model's rollout plans on this node read: the learner's newest model (the learner
 * publishes it here) and the fleet's load, now and by hour of day (the poller measures it every
 * round). Thread-safe: entities read it while the learner and the poller write it.
 */
public final class FleetLearning {
  /** The fleet's busiest traffic is remembered for about a week: a quiet weekend is not a new normal. */
  private static final Duration PEAK_HALF_LIFE = Duration.ofDays(7);

  private final boolean enabled;
  private final Duration maxDelay;
  private volatile LearnedModel model = LearnedModel.none();
  private FleetLoadProfile profile = FleetLoadProfile.empty();
  private double load = Double.NaN;
  private double peakRps;
  private Instant peakAt;

  /**
   * @param enabled whether plans use the learned model; false: the seed's rules only
   * @param maxDelay how far a rollout may be put off to leave the fleet's busy hours
   */
  public FleetLearning(boolean enabled, Duration maxDelay) {
    if (maxDelay == null || maxDelay.isNegative()) {
      throw new IllegalArgumentException("maxDelay was " + maxDelay + ", allowed is 0 or more");
    }
    this.enabled = enabled;
    this.maxDelay = maxDelay;
  }

  /** Learning on, rollouts put off by up to 12 hours. */
  public FleetLearning() {
    this(true, Duration.ofHours(12));
  }

  public boolean enabled() {
    return enabled;
  }

  /** The learner's newest model, whether or not plans use it. */
  public LearnedModel model() {
    return model;
  }

  public void publish(LearnedModel newModel) {
    this.model = newModel;
  }

  /**
   * One poll round's total traffic: the fleet's load is its share of the busiest traffic seen
   * lately, which also teaches the profile of busy hours.
   */
  public synchronized void observeFleet(Instant at, double totalRps) {
    if (!Double.isFinite(totalRps) || totalRps < 0) {
      return;
    }
    double decayed = peakAt == null ? 0
        : peakRps * Math.pow(0.5, Math.max(0, Duration.between(peakAt, at).toMillis()) / (double) PEAK_HALF_LIFE.toMillis());
    peakRps = Math.max(totalRps, decayed);
    peakAt = at;
    if (peakRps > 0) {
      load = totalRps / peakRps;
      profile = profile.observe(at, load);
    }
  }

  /** What plans read now: the model only when learning is on. */
  public synchronized PlanningInputs inputs(int concurrentRollouts) {
    return new PlanningInputs(enabled ? model : LearnedModel.none(), profile, load, concurrentRollouts, maxDelay,
        enabled);
  }

  public synchronized FleetLoadProfile profile() {
    return profile;
  }

  public synchronized double load() {
    return load;
  }
}
