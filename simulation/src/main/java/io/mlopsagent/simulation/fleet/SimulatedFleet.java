package io.mlopsagent.simulation.fleet;

import io.mlopsagent.actors.metrics.MetricWindow;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.MetricsSource;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A healthy fleet of N models whose metrics follow their traffic: a daily curve (lower at
 * weekends) with noise drives CPU utilisation, and p95 latency and error rate rise as utilisation
 * nears saturation. Everything derives from the seed: the same seed, model and time always give
 * the same window, whatever order they are asked in, so runs are reproducible.
 */
public final class SimulatedFleet implements MetricsSource {
  private static final String[] FAMILIES = {
    "fraud-scoring", "churn-predictor", "search-ranker", "demand-forecast",
    "image-classifier", "sentiment", "recommender", "credit-risk"
  };
  private static final long DAY_SECONDS = 86_400;

  private final long seed;
  private final Map<ModelName, ModelProfile> profiles;

  public SimulatedFleet(long seed, int models) {
    if (models < 1) {
      throw new IllegalArgumentException("a simulated fleet needs at least 1 model, got " + models);
    }
    this.seed = seed;
    Map<ModelName, ModelProfile> byName = new LinkedHashMap<>();
    for (int i = 0; i < models; i++) {
      ModelProfile p = profile(seed, i);
      byName.put(p.name(), p);
    }
    this.profiles = Collections.unmodifiableMap(byName);
  }

  public List<ModelProfile> profiles() {
    return List.copyOf(profiles.values());
  }

  @Override
  public CompletionStage<List<ModelName>> discover() {
    return CompletableFuture.completedFuture(List.copyOf(profiles.keySet()));
  }

  @Override
  public CompletionStage<Map<ModelName, MetricWindow>> fetch(Collection<ModelName> models, Instant at) {
    Map<ModelName, MetricWindow> windows = new LinkedHashMap<>();
    for (ModelName name : models) {
      ModelProfile p = profiles.get(name);
      if (p != null) {
        windows.put(name, window(p, at));
      }
    }
    return CompletableFuture.completedFuture(windows);
  }

  /** The window of one model at one time: a pure function of seed, profile and time. */
  public MetricWindow window(ModelProfile p, Instant at) {
    SplittableRandom rnd = new SplittableRandom(mix(seed, p.name().hashCode(), at.getEpochSecond()));
    double throughput = Math.max(0, trafficShare(p, at) * p.peakRps() * (1 + p.noise() * rnd.nextGaussian()));
    double capacity = p.replicas() * p.rpsPerReplica();
    double utilisation = Math.max(0, throughput / capacity * (1 + 0.03 * rnd.nextGaussian()));
    // Queueing: latency grows like u/(1-u) as the replicas near saturation (capped to stay finite).
    double u = Math.min(utilisation, 0.97);
    double latency = p.baseLatencySeconds() * (1 + 0.5 * u * u / (1 - u)) * (1 + p.noise() * rnd.nextGaussian());
    double overload = Math.max(0, utilisation - 0.85);
    double errorRate = p.baseErrorRate() * (1 + 0.2 * rnd.nextGaussian()) + 0.5 * overload * overload;
    double accuracy = p.baseAccuracy() + 0.004 * rnd.nextGaussian();
    return new MetricWindow(
        at,
        clamp(accuracy, 0, 1),
        Math.max(0.001, latency),
        clamp(errorRate, 0, 1),
        throughput,
        utilisation);
  }

  /** Share of the peak traffic at {@code at}: a daily wave between 25 % and 100 %, 70 % at weekends. */
  static double trafficShare(ModelProfile p, Instant at) {
    Instant local = at.plus(p.dailyPhase());
    double dayFraction = Math.floorMod(local.getEpochSecond(), DAY_SECONDS) / (double) DAY_SECONDS;
    // Trough at 04:00, peak at 16:00 local time.
    double wave = 0.5 - 0.5 * Math.cos(2 * Math.PI * (dayFraction - 4.0 / 24));
    double daily = 0.25 + 0.75 * wave;
    int dayOfWeek = local.atZone(ZoneOffset.UTC).getDayOfWeek().getValue();
    return dayOfWeek >= 6 ? 0.7 * daily : daily;
  }

  private static ModelProfile profile(long seed, int index) {
    SplittableRandom rnd = new SplittableRandom(mix(seed, index, 0x5eed));
    String family = FAMILIES[index % FAMILIES.length];
    ModelName name = ModelName.of(String.format("%s-%03d", family, index + 1));
    int replicas = 2 + rnd.nextInt(5);
    double peakRps = 20 + rnd.nextDouble() * 380;
    // Sized so that the daily peak runs the replicas at 45-85 % of their CPU request.
    double peakUtilisation = 0.45 + rnd.nextDouble() * 0.40;
    double rpsPerReplica = peakRps / (replicas * peakUtilisation);
    List<Double> draws = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      draws.add(rnd.nextDouble());
    }
    return new ModelProfile(
        name,
        0.82 + draws.get(0) * 0.15,
        0.02 + draws.get(1) * 0.20,
        0.001 + draws.get(2) * 0.009,
        peakRps,
        Duration.ofMinutes(rnd.nextInt(24 * 60)),
        replicas,
        rpsPerReplica,
        0.02 + draws.get(3) * 0.04);
  }

  private static long mix(long a, long b, long c) {
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
