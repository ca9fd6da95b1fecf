package io.mlopsagent.agent.kubernetes;

import java.util.List;

/** One permission the actuator needs: verbs on a resource of an API group ("" is the core group). */
public record RbacRule(String apiGroup, String resource, List<String> verbs) {
  public RbacRule {
    verbs = List.copyOf(verbs);
  }
}
