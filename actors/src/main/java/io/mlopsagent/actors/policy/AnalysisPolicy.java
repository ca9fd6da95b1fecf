package io.mlopsagent.actors.policy;

import io.mlopsagent.persistence.CborSerializable;

/**
 * When a rollout's measurements pass, in the manner of an Argo Rollouts AnalysisTemplate: each
 * measurement is successful, failed, inconclusive or an error, and the limits say how many of each
 * the analysis tolerates. Built and checked by {@link PolicyLoader}.
 *
 * @param minAccuracy a measurement fails below this accuracy (the seed's "optimisation threshold")
 * @param maxLatencyP95Seconds a measurement fails above this p95 latency, in seconds
 * @param maxErrorRate a measurement fails above this error rate (0..1)
 * @param maxLatencyVsStable a measurement fails when the new version's p95 latency is above this
 *     multiple of the stable version's
 * @param failureLimit failed measurements tolerated; one more fails the analysis
 * @param inconclusiveLimit inconclusive measurements tolerated; one more pauses the rollout
 * @param consecutiveErrorLimit measurement errors in a row tolerated (metrics unavailable)
 */
public record AnalysisPolicy(
    double minAccuracy,
    double maxLatencyP95Seconds,
    double maxErrorRate,
    double maxLatencyVsStable,
    int failureLimit,
    int inconclusiveLimit,
    int consecutiveErrorLimit) implements CborSerializable {}
