package io.mlopsagent.actors.ports;

import io.mlopsagent.actors.model.ModelName;

/**
 * What the cluster runs for one model: the serving version, replicas and the CPU and memory each
 * replica requests.
 */
public record Workload(
    ModelName model, String version, int replicas, double cpuCores, long memoryBytes) {}
