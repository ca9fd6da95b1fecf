package io.mlopsagent.simulation.fleet;

import io.mlopsagent.actors.model.ModelName;
import java.time.Duration;

/**
 * The ground truth of one simulated model: how good and fast it is when healthy, how much traffic
 * it gets and when, and how much capacity serves it.
 *
 * @param peakRps requests per second at the daily peak
 * @param dailyPhase shift of the daily traffic curve (models serve users in different time zones)
 * @param replicas serving replicas
 * @param rpsPerReplica requests per second one replica serves at 100 % of its CPU request
 * @param noise relative spread of the per-window noise
 */
public record ModelProfile(
    ModelName name,
    double baseAccuracy,
    double baseLatencySeconds,
    double baseErrorRate,
    double peakRps,
    Duration dailyPhase,
    int replicas,
    double rpsPerReplica,
    double noise) {}
