package io.mlopsagent.simulation.world;

import io.mlopsagent.simulation.scenario.FaultKind;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ModelVersion;
import io.mlopsagent.actors.ports.Workload;
import io.mlopsagent.simulation.fleet.ModelProfile;
import io.mlopsagent.simulation.fleet.SimulatedFleet;
import io.mlopsagent.simulation.fleet.VersionQuality;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The built-in trouble of {@code demo --faults}: one model for each kind of decision the agent
 * makes, timed so that at the default speed (an hour of fleet time a minute) every decision shows
 * within the first minute, after the detectors have warmed up.
 */
public final class DemoFaults {
  private static final Duration LONG = Duration.ofHours(12);

  private DemoFaults() {}

  /** One line per staged fault, for the demo's banner. */
  public record Staged(ModelName model, String story) {}

  /** Stages the faults on the first models of the fleet (as many as it has, up to seven). */
  public static List<Staged> stage(SimulatedWorld world, Instant start) {
    List<ModelProfile> models = world.fleet().profiles();
    List<Staged> staged = new ArrayList<>();
    for (int i = 0; i < Math.min(7, models.size()); i++) {
      staged.add(stage(world, start, i, models.get(i)));
    }
    return staged;
  }

  private static Staged stage(SimulatedWorld world, Instant start, int index, ModelProfile p) {
    SimulatedRegistry registry = world.registry();
    ModelName m = p.name();
    VersionQuality healthy = VersionQuality.of(p);
    switch (index) {
      case 0 -> {
        // Enough extra traffic to push the replicas past saturation whatever the time of day.
        Instant onset = start.plus(Duration.ofMinutes(8));
        double share = SimulatedFleet.trafficShare(p, onset);
        double factor = Math.max(1.6, 1.05 * p.capacityRps(p.replicas(), p.cpuCores()) / (share * p.peakRps()));
        world.addFault(new Fault(FaultKind.TRAFFIC_SURGE, m, onset, LONG, factor, Set.of()));
        return new Staged(m, String.format("traffic surge x%.1f at +8 min: latency under load -> scale out", factor));
      }
      case 1 -> {
        world.addFault(accuracyDrop(m, start.plus(Duration.ofMinutes(10))));
        registry.register(new ModelVersion(m, "v2", p.baseAccuracy() + 0.03, Set.of()),
            new VersionQuality(p.baseAccuracy() + 0.02, 1.0, p.baseErrorRate(), p.baseErrorRate()), start);
        return new Staged(m, "accuracy drop at +10 min, a better v2 in the registry -> rollout, promoted");
      }
      case 2 -> {
        world.addFault(accuracyDrop(m, start.plus(Duration.ofMinutes(12))));
        return new Staged(m, "accuracy drop at +12 min, no better version -> retraining requested");
      }
      case 3 -> {
        world.addFault(accuracyDrop(m, start.plus(Duration.ofMinutes(14))));
        registry.register(new ModelVersion(m, "v2", Math.min(0.99, p.baseAccuracy() + 0.05), Set.of()),
            new VersionQuality(0.70, 1.0, p.baseErrorRate(), p.baseErrorRate()), start);
        return new Staged(m, "accuracy drop at +14 min, a v2 that validates well but is bad -> canary aborted");
      }
      case 4 -> {
        world.addFault(accuracyDrop(m, start.plus(Duration.ofMinutes(16))));
        // A small artifact: the policy's blue-green is kept, so the flaw shows only once it serves everyone.
        registry.register(new ModelVersion(m, "v2", p.baseAccuracy() + 0.03, Set.of()).withArtifact(40, 1),
            new VersionQuality(p.baseAccuracy() + 0.02, 1.0, p.baseErrorRate(), 0.08), start);
        return new Staged(m, "accuracy drop at +16 min, a v2 that fails under full traffic -> rolled back");
      }
      case 5 -> {
        world.cluster().deploy(new Workload(m, SimulatedWorld.FIRST_VERSION, null, 0, p.replicas() * 5,
            p.cpuCores(), 2L << 30));
        return new Staged(m, "five times the replicas it needs from the start -> scale in");
      }
      default -> {
        world.addFault(new Fault(FaultKind.LATENCY_SPIKE, m, start.plus(Duration.ofMinutes(18)), LONG, 2.2,
            Set.of(SimulatedWorld.FIRST_VERSION)));
        registry.register(new ModelVersion(m, "v1-optimized", p.baseAccuracy(), Set.of("optimized")),
            new VersionQuality(p.baseAccuracy(), 0.7, p.baseErrorRate(), p.baseErrorRate()), start);
        return new Staged(m, "latency x2.2 at +18 min without load, an optimized version -> rollout");
      }
    }
  }

  private static Fault accuracyDrop(ModelName m, Instant onset) {
    return new Fault(FaultKind.ACCURACY_DROP, m, onset, LONG, 0.12, Set.of(SimulatedWorld.FIRST_VERSION));
  }
}
