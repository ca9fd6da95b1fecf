package io.mlopsagent.simulation.scenario;

import io.mlopsagent.actors.policy.ModelGlob;
import java.util.ArrayList;
import java.util.List;

/**
 * The names of a scenario's models and which of them a {@link Target} selects. The loader checks
 * targets with it and the simulator builds its fleet with it, so the two cannot disagree.
 *
 * <p>A group's models are {@code <group>-001}, {@code <group>-002}, ...: three digits, more when
 * the group has more than 999 models, so names sort in fleet order within a group.
 */
public final class FleetNames {
  private FleetNames() {}

  /** Every model of the scenario in fleet order: groups in file order, each from 1 up. */
  public static List<String> modelNames(Scenario scenario) {
    return modelNames(scenario.groups());
  }

  /** The models {@code target} selects, in fleet order. */
  public static List<String> select(Scenario scenario, Target target) {
    return select(scenario.groups(), target);
  }

  static List<String> modelNames(List<ModelGroup> groups) {
    List<String> names = new ArrayList<>();
    groups.forEach(g -> names.addAll(modelNames(g)));
    return names;
  }

  static List<String> modelNames(ModelGroup group) {
    String format = "%s-%0" + Math.max(3, String.valueOf(group.count()).length()) + "d";
    List<String> names = new ArrayList<>(group.count());
    for (int i = 1; i <= group.count(); i++) {
      names.add(String.format(format, group.name(), i));
    }
    return names;
  }

  static List<String> select(List<ModelGroup> groups, Target target) {
    ModelGlob glob = target.models() == null ? ModelGlob.ANY : new ModelGlob(target.models());
    List<String> selected = new ArrayList<>();
    for (ModelGroup group : groups) {
      if (target.group() != null && !target.group().equals(group.name())) {
        continue;
      }
      for (String name : modelNames(group)) {
        if (glob.matches(name)) {
          selected.add(name);
          if (selected.size() == target.count()) {
            return selected;
          }
        }
      }
    }
    return selected;
  }
}
