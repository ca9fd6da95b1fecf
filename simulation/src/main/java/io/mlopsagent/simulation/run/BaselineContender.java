package io.mlopsagent.simulation.run;

import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.simulation.baseline.BaselinePorts;
import io.mlopsagent.simulation.baseline.Controller;
import io.mlopsagent.simulation.baseline.NoAutomation;
import io.mlopsagent.simulation.baseline.SeedRules;
import io.mlopsagent.simulation.baseline.StaticCanary;
import io.mlopsagent.simulation.scenario.Scenario;
import io.mlopsagent.simulation.score.PolicyEvents;
import io.mlopsagent.simulation.world.SimulatedWorld;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A baseline controller run in a plain loop: one poll of the whole fleet per step, in observation
 * time, as fast as the machine goes.
 */
public final class BaselineContender implements Contender {
  /** The alternatives a report compares the agent with, in report order. */
  public static final List<String> NAMES = List.of("none", "seed_rules", "static_canary");

  private final String name;
  private final BiFunction<BaselinePorts, SimulatedWorld, Controller> controller;

  private BaselineContender(String name, BiFunction<BaselinePorts, SimulatedWorld, Controller> controller) {
    this.name = name;
    this.controller = controller;
  }

  /** The baseline of that name; the message lists the names there are. */
  public static BaselineContender named(String name) {
    switch (name) {
      case "none":
        return new BaselineContender(name, (ports, world) -> new NoAutomation());
      case "seed_rules":
        return new BaselineContender(name,
            (ports, world) -> new SeedRules(ports, model -> world.fleet().profile(model).sizeMb()));
      case "static_canary":
        return new BaselineContender(name, (ports, world) -> new StaticCanary(ports));
      default:
        throw new IllegalArgumentException("unknown baseline '" + name + "': expected one of " + NAMES);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void run(Scenario scenario, SimulatedWorld world, PolicyEvents events, Progress progress) {
    Controller c = controller.apply(
        new BaselinePorts(world.cluster(), world.registry(), world.retraining(), events), world);
    List<ModelName> models = world.fleet().names();
    Instant end = scenario.start().plus(scenario.duration());
    long steps = 0;
    for (Instant at = scenario.start(); at.isBefore(end); at = at.plus(scenario.step())) {
      Map<ModelName, ModelWindows> windows = world.fetch(models, at).toCompletableFuture().join();
      c.observe(at, windows);
      if (++steps % 64 == 0) {
        progress.reached(at);
      }
    }
    progress.reached(end);
  }
}
