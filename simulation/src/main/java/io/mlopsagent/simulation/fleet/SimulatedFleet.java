package io.mlopsagent.simulation.fleet;

import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.model.ModelName;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A fleet of N models and how their metrics behave: each model's traffic follows a daily curve
 * (lower at weekends) with noise, CPU utilisation follows traffic over capacity, and p95 latency
 * and error rate rise as utilisation nears saturation. Everything derives from the seed: the same
 * seed, model, time and conditions always give the same window, whatever order they are asked in.
 *
 * <p>Healthy models are sized so that CPU stays between 20 % and 80 % of the request all day: a
 * healthy fleet gives the agent nothing to do.
 */
public final class SimulatedFleet {
  private static final String[] FAMILIES = {
    "fraud-scoring", "churn-predictor", "search-ranker", "demand-forecast",
    "image-classifier", "sentiment", "recommender", "credit-risk"
  };
  private static final long DAY_SECONDS = 86_400;

  private final long seed;
  private final Map<ModelName, ModelProfile> profiles;

  /** The demo's fleet: {@code models} models of eight families, drawn from the seed. */
  public SimulatedFleet(long seed, int models) {
    this(seed, demoProfiles(seed, models));
  }

  /** A fleet of the given models (a scenario's), whose noise derives from {@code seed}. */
  public SimulatedFleet(long seed, List<ModelProfile> models) {
    if (models.isEmpty()) {
      throw new IllegalArgumentException("a simulated fleet needs at least 1 model, got 0");
    }
    this.seed = seed;
    Map<ModelName, ModelProfile> byName = new LinkedHashMap<>();
    for (ModelProfile p : models) {
      if (byName.put(p.name(), p) != null) {
        throw new IllegalArgumentException("model " + p.name() + " appears twice in the fleet");
      }
    }
    this.profiles = Collections.unmodifiableMap(byName);
  }

  private static List<ModelProfile> demoProfiles(long seed, int models) {
    if (models < 1) {
      throw new IllegalArgumentException("a simulated fleet needs at least 1 model, got " + models);
    }
    List<ModelProfile> list = new java.util.ArrayList<>(models);
    for (int i = 0; i < models; i++) {
      list.add(profile(seed, i));
    }
    return list;
  }

  public List<ModelProfile> profiles() {
    return List.copyOf(profiles.values());
  }

  public ModelProfile profile(ModelName name) {
    return profiles.get(name);
  }

  public List<ModelName> names() {
    return List.copyOf(profiles.keySet());
  }

  /** The random draws of one model at one time; the same for every caller. */
  public SplittableRandom noise(ModelProfile p, Instant at) {
    return new SplittableRandom(mix(seed, p.name().hashCode(), at.getEpochSecond()));
  }

  /** Requests per second reaching the model at {@code at} (before any surge). */
  public double throughput(ModelProfile p, Instant at, SplittableRandom rnd) {
    return Math.max(0, trafficShare(p, at) * p.peakRps() * (1 + p.noise() * rnd.nextGaussian()));
  }

  /**
   * One version's window.
   *
   * @param throughput requests per second this version serves
   * @param utilisation CPU utilisation of the model's replicas
   * @param quality the version's true quality
   * @param effects faults in force
   */
  public MetricWindow window(ModelProfile p, Instant at, SplittableRandom rnd, double throughput, double utilisation,
      VersionQuality quality, Effects effects) {
    // Queueing: latency grows like u/(1-u) as the replicas near saturation (capped to stay finite).
    double u = Math.min(utilisation, 0.97);
    double latency = p.baseLatencySeconds() * quality.latencyFactor() * effects.latencyFactor()
        * (1 + 0.5 * u * u / (1 - u)) * (1 + p.noise() * rnd.nextGaussian());
    double overload = Math.max(0, utilisation - 0.85);
    double errorRate = quality.errorRate() * (1 + 0.2 * rnd.nextGaussian()) + 0.5 * overload * overload
        + effects.errorRateAdd();
    double accuracy = quality.accuracy() - effects.accuracyDrop() + 0.004 * rnd.nextGaussian();
    return new MetricWindow(at, clamp(accuracy, 0, 1), Math.max(0.001, latency), clamp(errorRate, 0, 1),
        throughput, Math.max(0, utilisation));
  }

  /** The window of a healthy model on its initial resources, serving its first version. */
  public MetricWindow healthyWindow(ModelProfile p, Instant at) {
    return healthyWindow(p, at, p.replicas(), p.cpuCores());
  }

  /** The window of a healthy model serving its first version on {@code replicas} of {@code cpuCores}. */
  public MetricWindow healthyWindow(ModelProfile p, Instant at, int replicas, double cpuCores) {
    SplittableRandom rnd = noise(p, at);
    double throughput = throughput(p, at, rnd);
    double utilisation = throughput / p.capacityRps(replicas, cpuCores) * (1 + 0.03 * rnd.nextGaussian());
    return window(p, at, rnd, throughput, utilisation, VersionQuality.of(p), Effects.NONE);
  }

  /**
   * Share of the peak traffic at {@code at}: a daily wave between the profile's trough share and
   * 100 %, times its weekend factor on Saturdays and Sundays.
   */
  public static double trafficShare(ModelProfile p, Instant at) {
    Instant local = at.plus(p.dailyPhase());
    double dayFraction = Math.floorMod(local.getEpochSecond(), DAY_SECONDS) / (double) DAY_SECONDS;
    // Trough at 04:00, peak at 16:00 local time.
    double wave = 0.5 - 0.5 * Math.cos(2 * Math.PI * (dayFraction - 4.0 / 24));
    double daily = p.troughShare() + (1 - p.troughShare()) * wave;
    int dayOfWeek = local.atZone(ZoneOffset.UTC).getDayOfWeek().getValue();
    return dayOfWeek >= 6 ? p.weekendFactor() * daily : daily;
  }

  private static ModelProfile profile(long seed, int index) {
    SplittableRandom rnd = new SplittableRandom(mix(seed, index, 0x5eed));
    String family = FAMILIES[index % FAMILIES.length];
    ModelName name = ModelName.of(String.format("%s-%03d", family, index + 1));
    int replicas = 2 + rnd.nextInt(5);
    double peakRps = 20 + rnd.nextDouble() * 380;
    // Sized so that the daily peak runs the replicas at 55-70 % of their CPU request: with the
    // trough at 50 % of the peak (85 % of that at weekends) CPU stays within 20-80 %.
    double peakUtilisation = 0.55 + rnd.nextDouble() * 0.15;
    double rpsPerReplica = peakRps / (replicas * peakUtilisation);
    return new ModelProfile(
        name,
        0.87 + rnd.nextDouble() * 0.10,
        // p95 well inside the seed's 200 ms success criterion, even at the daily peak.
        0.02 + rnd.nextDouble() * 0.06,
        0.001 + rnd.nextDouble() * 0.006,
        peakRps,
        Duration.ofMinutes(rnd.nextInt(24 * 60)),
        replicas,
        1.0,
        rpsPerReplica,
        0.02 + rnd.nextDouble() * 0.03,
        10 + rnd.nextDouble() * 190,
        0.5 + rnd.nextDouble() * 2.5,
        0.5,
        0.85);
  }

  /** A well-spread hash of three numbers: the seed of the draws they identify. */
  public static long mix(long a, long b, long c) {
    long h = a * 0x9E3779B97F4A7C15L ^ b * 0xC2B2AE3D27D4EB4FL ^ c * 0x165667B19E3779F9L;
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    return h;
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
