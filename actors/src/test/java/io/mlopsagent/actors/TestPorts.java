package io.mlopsagent.actors;

import io.mlopsagent.actors.agent.ModelAgentPorts;
import io.mlopsagent.actors.policy.PolicyBook;
import io.mlopsagent.actors.policy.PolicyLoader;
import io.mlopsagent.actors.ports.ObservingOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Ports for tests of the recording side of the entity: a cluster that runs nothing for the model
 * (so the entity only observes), an empty registry, and the shipped policies. Decision flows are
 * tested in the simulation module against the simulated world.
 */
public final class TestPorts {
  private TestPorts() {}

  /** The policies the project ships (surefire runs in the module directory). */
  public static PolicyBook shippedPolicies() {
    try {
      return PolicyLoader.parse(Files.readString(Path.of("..", "conf", "policies.conf"), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ModelAgentPorts observingOnly() {
    PolicyBook policies = shippedPolicies();
    ObservingOnly none = new ObservingOnly("this test's cluster runs nothing");
    return new ModelAgentPorts(none, none, none, () -> policies);
  }
}
