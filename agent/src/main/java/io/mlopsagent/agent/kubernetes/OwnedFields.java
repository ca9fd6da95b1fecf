package io.mlopsagent.agent.kubernetes;

import static io.mlopsagent.agent.kubernetes.ModelWorkloadConvention.CANDIDATE_WEIGHT;
import static io.mlopsagent.agent.kubernetes.ModelWorkloadConvention.LAST_ACTION;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * The part of a Deployment the actuator owns. Two Deployments with equal owned fields need no
 * write, whatever else differs (status, timestamps, fields of other controllers). Quantities are
 * compared by amount, since the API server may answer {@code 500m} as {@code 0.5}.
 */
record OwnedFields(
    int replicas,
    Map<String, String> templateLabels,
    String image,
    Map<String, BigDecimal> requests,
    Map<String, BigDecimal> limits,
    String lastAction,
    String candidateWeight,
    String role,
    String rolling) {

  static OwnedFields of(Deployment d) {
    Container first = DesiredDeployments.firstContainer(d);
    var meta = d.getSpec().getTemplate().getMetadata();
    return new OwnedFields(
        ModelDeployments.replicasOf(d),
        meta == null || meta.getLabels() == null ? Map.of() : new TreeMap<>(meta.getLabels()),
        first.getImage(),
        amounts(first.getResources() == null ? null : first.getResources().getRequests()),
        amounts(first.getResources() == null ? null : first.getResources().getLimits()),
        ModelDeployments.annotation(d, LAST_ACTION),
        ModelDeployments.annotation(d, CANDIDATE_WEIGHT),
        // The Deployment's own role label: a promoted blue-green candidate is relabelled stable.
        d.getMetadata().getLabels() == null ? null : d.getMetadata().getLabels().get(ModelWorkloadConvention.ROLE_LABEL),
        ModelDeployments.annotation(d, ModelWorkloadConvention.ROLLING));
  }

  private static Map<String, BigDecimal> amounts(Map<String, Quantity> quantities) {
    Map<String, BigDecimal> m = new TreeMap<>();
    if (quantities != null) {
      quantities.forEach((k, q) -> m.put(k, q.getNumericalAmount().stripTrailingZeros()));
    }
    return m;
  }
}
