package io.mlopsagent.agent.kubernetes;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The backend weights of a model's HTTPRoute (GATEWAY_API split), built from the route as it is:
 * in every rule, the stable Service gets {@code 100 - w} and the candidate Service {@code w}; without
 * a candidate, the stable Service alone gets 100. Matches, filters and parents are the route
 * owner's and pass through unchanged.
 */
final class HttpRouteWeights {
  private HttpRouteWeights() {}

  /** The desired route; {@code candidateWeight} null means no candidate. */
  static HTTPRoute desired(HTTPRoute actual, String stableService, Integer candidateWeight) {
    HTTPRoute route = new HTTPRouteBuilder(actual).build();
    if (route.getSpec() == null || route.getSpec().getRules() == null || route.getSpec().getRules().isEmpty()) {
      throw new IllegalStateException("HTTPRoute " + route.getMetadata().getNamespace() + "/" + route.getMetadata().getName()
          + " has no rules: it needs one with a backendRef to Service " + stableService);
    }
    for (HTTPRouteRule rule : route.getSpec().getRules()) {
      HTTPBackendRef stable = stableRef(rule, stableService);
      List<HTTPBackendRef> refs = new ArrayList<>();
      refs.add(new HTTPBackendRefBuilder(stable).withName(stableService)
          .withWeight(candidateWeight == null ? 100 : 100 - candidateWeight).build());
      if (candidateWeight != null) {
        refs.add(new HTTPBackendRefBuilder(stable)
            .withName(ModelWorkloadConvention.candidateName(stableService)).withWeight(candidateWeight).build());
      }
      rule.setBackendRefs(refs);
    }
    return route;
  }

  /** Whether two routes send the same shares to the same backends. */
  static boolean sameWeights(HTTPRoute a, HTTPRoute b) {
    return weights(a).equals(weights(b));
  }

  private static List<List<String>> weights(HTTPRoute route) {
    List<List<String>> all = new ArrayList<>();
    for (HTTPRouteRule rule : route.getSpec().getRules()) {
      List<String> refs = new ArrayList<>();
      if (rule.getBackendRefs() != null) {
        rule.getBackendRefs().forEach(r -> refs.add(r.getName() + ":" + r.getPort() + "=" + r.getWeight()));
      }
      all.add(refs);
    }
    return all;
  }

  // The stable backendRef of a rule keeps its port and kind; one that names another Service only
  // is taken as the template when the route was written before the agent managed it.
  private static HTTPBackendRef stableRef(HTTPRouteRule rule, String stableService) {
    List<HTTPBackendRef> refs = rule.getBackendRefs() == null ? List.of() : rule.getBackendRefs();
    return refs.stream().filter(r -> stableService.equals(r.getName())).findFirst()
        .orElseGet(() -> refs.isEmpty() ? new HTTPBackendRefBuilder().withName(stableService).build() : refs.get(0));
  }
}
