package io.mlopsagent.agent.kubernetes;

import static io.mlopsagent.agent.kubernetes.ModelWorkloadConvention.CANDIDATE_WEIGHT;
import static io.mlopsagent.agent.kubernetes.ModelWorkloadConvention.LAST_ACTION;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.actors.ports.Workload;
import java.util.Map;
import java.util.Optional;

/**
 * The Deployments serving one model as read from the cluster: the stable one and, during a
 * rollout, the candidate in the same namespace.
 */
record ModelDeployments(ModelName model, String namespace, Deployment stable, Optional<Deployment> candidate) {

  boolean recorded(ActionId action) {
    return action.value().equals(lastAction(stable))
        || candidate.map(c -> action.value().equals(lastAction(c))).orElse(false);
  }

  /** The model's replicas: during a rolling update, the stable Deployment's before it began. */
  int stableReplicas() {
    return RollingUpdate.modelReplicas(stable);
  }

  Workload toWorkload(String versionLabel) {
    Container first = DesiredDeployments.firstContainer(stable);
    return new Workload(
        model,
        versionOf(stable, versionLabel),
        candidate.map(c -> versionOf(c, versionLabel)).orElse(null),
        candidate.map(ModelDeployments::weightOf).orElse(0),
        stableReplicas(),
        amount(first, "cpu"),
        (long) amount(first, "memory"),
        stable.getMetadata().getLabels() == null ? java.util.Map.of() : stable.getMetadata().getLabels());
  }

  static int replicasOf(Deployment d) {
    Integer replicas = d.getSpec().getReplicas();
    return replicas == null ? 1 : replicas; // Kubernetes defaults an unset replica count to 1
  }

  static String versionOf(Deployment d, String versionLabel) {
    Map<String, String> labels = d.getSpec().getTemplate().getMetadata() == null
        ? Map.of()
        : d.getSpec().getTemplate().getMetadata().getLabels();
    String version = labels == null ? null : labels.get(versionLabel);
    if (version != null) {
      return version;
    }
    // Before the actuator first labels it, the image tag is the best account of the version.
    String image = DesiredDeployments.firstContainer(d).getImage();
    String tag = image == null ? null : ModelWorkloadConvention.tagOf(image);
    return tag == null ? "unknown" : tag;
  }

  static int weightOf(Deployment candidate) {
    String raw = annotation(candidate, CANDIDATE_WEIGHT);
    try {
      int weight = raw == null ? 0 : Integer.parseInt(raw.trim());
      return Math.max(0, Math.min(100, weight));
    } catch (NumberFormatException e) {
      return 0; // someone else's edit: treat as no traffic until the agent sets it again
    }
  }

  static String lastAction(Deployment d) {
    return annotation(d, LAST_ACTION);
  }

  static String annotation(Deployment d, String key) {
    Map<String, String> annotations = d.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  private static double amount(Container c, String resource) {
    if (c.getResources() == null || c.getResources().getRequests() == null) {
      return 0;
    }
    Quantity q = c.getResources().getRequests().get(resource);
    return q == null ? 0 : q.getNumericalAmount().doubleValue();
  }
}
