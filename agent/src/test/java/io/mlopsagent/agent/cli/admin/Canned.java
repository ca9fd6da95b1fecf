package io.mlopsagent.agent.cli.admin;

/** Admin API answers in the shapes of the API contract, for {@link FakeAgent}. */
final class Canned {
  static final String TOKEN = "tok-9f8e7d6c5b4a-secret";

  static final String FLEET = """
      {"paused": true, "pausedBy": "cli:alice", "pausedReason": "incident 42", "pausedAt": "2026-11-27T14:00:00Z",
       "models": 3, "byState": {"healthy": 1, "degraded": 1, "rolling_out": 1, "paused": 0, "warming_up": 0},
       "rolloutsInFlight": [{"model": "fraud-detector", "rolloutId": "r-1", "fromVersion": "6", "toVersion": "7",
         "strategy": "canary", "status": "in_progress", "step": 1, "weight": 25,
         "startedAt": "2026-11-27T13:00:00Z"}]}
      """;

  /** The first of two pages: the client must ask for the rest. */
  static final String MODELS_PAGE_1 = """
      {"total": 3, "offset": 0, "limit": 100, "items": [
        {"name": "fraud-detector", "state": "rolling_out", "policy": "fraud-canary", "paused": false,
         "degraded": false, "inRollout": true, "eventCount": 120,
         "latest": {"at": "2026-11-27T14:05:00Z", "accuracy": 0.9123, "latencyP95Seconds": 0.21,
                    "errorRate": 0.004, "throughputRps": 120.0, "cpuUtilization": 0.45}},
        {"name": "recommender", "state": "degraded", "policy": "default", "paused": false,
         "degraded": true, "inRollout": false, "eventCount": 99,
         "latest": {"at": "2026-11-27T14:05:00Z", "accuracy": 0.81, "latencyP95Seconds": 0.45,
                    "errorRate": 0.031, "throughputRps": 80.0, "cpuUtilization": 0.91}}]}
      """;

  static final String MODELS_PAGE_2 = """
      {"total": 3, "offset": 2, "limit": 100, "items": [
        {"name": "churn", "state": "healthy", "policy": "default", "paused": false,
         "degraded": false, "inRollout": false, "eventCount": 10,
         "latest": {"at": "2026-11-27T14:05:00Z", "accuracy": null, "latencyP95Seconds": 0.05,
                    "errorRate": 0.0, "throughputRps": 3.0, "cpuUtilization": 0.1}}]}
      """;

  static final String MODEL = """
      {"name": "fraud-detector", "state": "rolling_out", "paused": false, "pausedBy": null, "pausedReason": null,
       "eventCount": 120, "firstObservedAt": "2026-11-27T12:00:00Z",
       "latest": {"at": "2026-11-27T14:05:00Z", "accuracy": 0.9123, "latencyP95Seconds": 0.21,
                  "errorRate": 0.004, "throughputRps": 120.0, "cpuUtilization": 0.45},
       "summaries": {}, "policy": {"name": "fraud-canary", "mode": "act"},
       "workload": {"stableVersion": "6", "candidateVersion": "7", "candidateWeight": 25, "replicas": 3,
                    "cpuCores": 1.0},
       "rollout": {"id": "r-1", "fromVersion": "6", "toVersion": "7", "strategy": "canary",
                   "status": "in_progress", "step": 1, "weight": 25, "startedAt": "2026-11-27T13:00:00Z",
                   "endedAt": null, "reason": "the registry has 7 validating at 0.95"},
       "signals": {"latency_degraded": 2, "accuracy_degraded": 0}, "surprise": {"accuracy": 0.1, "errorRate": null},
       "dataGaps": {"windows": 0, "lastAt": null, "last": {}}, "limitation": null}
      """;

  static final String DECISIONS = """
      {"total": 12, "offset": 0, "limit": 5, "items": [
        {"sequenceNr": 40, "model": "fraud-detector", "type": "rollout_started", "at": "2026-11-27T13:00:00Z",
         "reason": "p95 latency degraded without high CPU (30%): found optimized version 7",
         "inputs": {"value": 0.45, "baseline": 0.2, "threshold": 1.5, "surprise": 0.93},
         "policy": "fraud-canary", "mode": "act", "actuated": true,
         "rollout": {"toVersion": "7", "strategy": "canary"}},
        {"sequenceNr": 39, "model": "fraud-detector", "type": "scaled_out", "at": "2026-11-27T12:30:00Z",
         "reason": "CPU above 80% for 30 windows",
         "inputs": {"replicas": 2.0, "cpuCores": 1.0, "toReplicas": 4.0, "toCpuCores": 1.0, "threshold": 0.8},
         "policy": "default", "mode": "act", "actuated": true},
        {"sequenceNr": 38, "model": "fraud-detector", "type": "degradation_detected", "at": "2026-11-27T12:00:00Z",
         "reason": "p95 latency 0.45 s is above 1.5 x its baseline 0.2 s for 3 windows",
         "inputs": {"value": 0.45, "baseline": 0.2, "scale": 0.01, "threshold": 1.5, "surprise": 0.93,
                    "streakWindows": 3.0},
         "policy": "default", "mode": "recommend", "actuated": false},
        {"sequenceNr": 37, "model": "fraud-detector", "type": "rolled_back", "at": "2026-11-27T11:00:00Z",
         "reason": "error rate spiked after promotion", "inputs": {},
         "policy": "default", "mode": "act", "fromVersion": "6", "toVersion": "5"},
        {"sequenceNr": 36, "model": "fraud-detector", "type": "shadow_tested", "at": "2026-11-27T10:00:00Z",
         "reason": "a decision type this CLI does not know", "inputs": {}, "policy": "default", "mode": "act"}]}
      """;

  private Canned() {}
}
