package io.mlopsagent.actors.learn;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every model's rollout plans on this node read: the learner's newest model (the learner
 * publishes it here) and the fleet's load, now and by hour of day (this node's poller slices
 * measure it every round). Thread-safe: entities read it while the learner and the poller write it.
 */
public final class FleetLearning {
  /** The fleet's busiest traffic is remembered for about a week: a quiet weekend is not a new normal. */
  private static final Duration PEAK_HALF_LIFE = Duration.ofDays(7);
  /** Rounds of the reporting slice after which a slice not heard from stops counting. */
  static final int SILENT_ROUNDS = 3;

  private final boolean enabled;
  private final Duration maxDelay;
  private volatile LearnedModel model = LearnedModel.none();
  private FleetLoadProfile profile = FleetLoadProfile.empty();
  private double load = Double.NaN;
  private final Map<Integer, SliceLoad> slices = new TreeMap<>();

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
   * One poll round of one poller slice: {@code totalRps} is the traffic of the models that slice
   * owns. Slices take models by hash, so each slice's traffic is a sample of the fleet's with its
   * own volume: each slice's load is its traffic's share of its own busiest lately, and the node's
   * load is the mean over the slices heard from recently. Comparing one slice's total with another
   * slice's peak would make the load jump with whichever slice reported last.
   *
   * <p>A slice counts while it was heard from within {@value #SILENT_ROUNDS} of the reporting
   * slice's own poll rounds: a slice that moved to another node, or whose poller stopped, drops out
   * then, while one slow round (a fetch timing out) does not drop it. Rounds rather than a fixed
   * duration because observation time per round is the poll interval in production and the
   * simulated step in the demo, which this board is not told.
   *
   * <p>The profile of busy hours takes one sample a round, when the lowest-numbered counting slice
   * reports: a sample per slice would make its hourly means forget several times faster on a node
   * with several slices.
   */
  public synchronized void observeFleet(int slice, Instant at, double totalRps) {
    if (at == null || !Double.isFinite(totalRps) || totalRps < 0) {
      return;
    }
    SliceLoad reporter = slices.computeIfAbsent(slice, k -> new SliceLoad());
    Duration round = reporter.lastAt == null ? null : Duration.between(reporter.lastAt, at);
    reporter.observe(at, totalRps);
    double sum = 0;
    int counted = 0;
    Integer lead = null;
    for (Map.Entry<Integer, SliceLoad> e : slices.entrySet()) {
      SliceLoad s = e.getValue();
      boolean silent = round != null && !round.isNegative() && !round.isZero()
          && Duration.between(s.lastAt, at).compareTo(round.multipliedBy(SILENT_ROUNDS)) > 0;
      if (silent) {
        continue;
      }
      lead = lead == null ? e.getKey() : lead;
      if (Double.isFinite(s.load)) {
        sum += s.load;
        counted++;
      }
    }
    if (counted == 0) {
      return;
    }
    load = sum / counted;
    if (lead == slice) {
      profile = profile.observe(at, load);
    }
  }

  /** One slice's busiest traffic, remembered with {@link #PEAK_HALF_LIFE}, and its latest load. */
  private static final class SliceLoad {
    private double peakRps;
    private Instant peakAt;
    private Instant lastAt;
    private double load = Double.NaN;

    void observe(Instant at, double totalRps) {
      double decayed = peakAt == null ? 0 : peakRps * Math.pow(0.5,
          Math.max(0, Duration.between(peakAt, at).toMillis()) / (double) PEAK_HALF_LIFE.toMillis());
      peakRps = Math.max(totalRps, decayed);
      peakAt = at;
      lastAt = lastAt == null || at.isAfter(lastAt) ? at : lastAt;
      // A slice that never saw traffic has no load yet (not 0: nothing says the fleet is idle).
      load = peakRps > 0 ? totalRps / peakRps : Double.NaN;
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
