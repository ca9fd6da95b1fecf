package io.mlopsagent.actors.control;

import io.mlopsagent.actors.decide.Plan;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.persistence.CborSerializable;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which models an operator has paused, and whether the whole fleet is (the kill switch). Pure and
 * immutable: the {@link OperatorControl} journals changes to it, every node keeps a copy.
 *
 * <p>Paused means no new action: no rollout starts, nothing is scaled, retrained or rolled back.
 * Observation, detection and the journal go on, and a rollout already running goes on under its
 * analysis (an operator aborts it to stop it): freezing a canary half-way would leave users on a
 * split nobody is watching.
 *
 * @param fleet the fleet-wide pause, or null
 * @param models paused models by name
 */
public record OperatorSwitches(Pause fleet, Map<String, Pause> models) implements CborSerializable {

  /** Who paused, why and when. */
  public record Pause(String by, String reason, Instant at) implements CborSerializable {
    public Pause {
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(at, "at");
    }
  }

  public OperatorSwitches {
    models = models == null ? Map.of() : Map.copyOf(models);
  }

  public static OperatorSwitches none() {
    return new OperatorSwitches(null, Map.of());
  }

  public boolean fleetPaused() {
    return fleet != null;
  }

  /** The pause holding {@code model}: its own, else the fleet's; null when it may act. */
  public Pause pauseOf(ModelName model) {
    Pause own = models.get(model.value());
    return own != null ? own : fleet;
  }

  /** Whether {@code plan} must wait: every plan but a recorded degradation, while paused. */
  public boolean blocks(ModelName model, Plan plan) {
    return !(plan instanceof Plan.Degradation) && pauseOf(model) != null;
  }

  public OperatorSwitches pausing(ModelName model, Pause pause) {
    Map<String, Pause> next = new TreeMap<>(models);
    next.put(model.value(), pause);
    return new OperatorSwitches(fleet, next);
  }

  public OperatorSwitches resuming(ModelName model) {
    Map<String, Pause> next = new TreeMap<>(models);
    next.remove(model.value());
    return new OperatorSwitches(fleet, next);
  }

  public OperatorSwitches pausingFleet(Pause pause) {
    return new OperatorSwitches(pause, models);
  }

  public OperatorSwitches resumingFleet() {
    return new OperatorSwitches(null, models);
  }
}
