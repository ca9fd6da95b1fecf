package io.mlopsagent.agent.kubernetes;

import static io.mlopsagent.agent.kubernetes.ModelWorkloadConvention.ROLE_CANDIDATE;
import static io.mlopsagent.agent.kubernetes.ModelWorkloadConvention.ROLE_LABEL;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.mlopsagent.actors.ports.ActionId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Blue-green by Service selector (blue-green-switch service-selector): keeps the model's Service
 * and its preview Service pointed at the right pods, and promotes by switching the selector.
 *
 * <p>A promotion runs in an order where every prefix is a state a retry (or any later action)
 * reads back correctly: the candidate is scaled to the stable size and marked with the action id;
 * the Service is switched to its slot; the old stable Deployment is deleted; only then is the
 * candidate relabelled stable, so that there are never two stable Deployments. A candidate left
 * alone at weight 100 is the promoted one (see {@code KubernetesActuator}).
 */
final class SelectorSwitch {
  private final ClusterApi api;
  private final DesiredDeployments desired;

  SelectorSwitch(ClusterApi api, DesiredDeployments desired) {
    this.api = api;
    this.desired = desired;
  }

  /** The candidate serves in place of the stable Deployment; repeating it with the same action finishes it. */
  void promote(ModelDeployments actual, Deployment candidate, ActionId action) {
    Deployment serving = write(candidate, desired.takingOver(candidate, actual.stableReplicas(), action));
    route(actual, serving, null);
    api.delete(actual.namespace(), actual.stable().getMetadata().getName());
    write(serving, DesiredDeployments.asStable(serving));
  }

  /**
   * Points the main Service at the pods that should serve and the preview Service at the slot the
   * stable pods are not in. The preview Service is created with the first candidate; it is kept
   * afterwards, since its selector never includes the serving pods.
   */
  void route(ModelDeployments actual, Deployment stable, Deployment candidate) {
    String model = actual.model().value();
    List<Service> services = api.servicesOfModel(actual.namespace(), model);
    Service main = main(services, actual);
    Map<String, String> selector = ModelServices.mainSelector(main, model, stable, candidate);
    if (!selector.equals(ModelServices.selectorOf(main))) {
      api.update(ModelServices.withSelector(main, selector)); // carries the resourceVersion read
    }
    String previewName = ModelWorkloadConvention.previewName(main.getMetadata().getName());
    Optional<Service> preview = services.stream().filter(s -> previewName.equals(s.getMetadata().getName())).findFirst();
    Map<String, String> previewSelector = ModelServices.previewSelector(main, model, stable);
    if (preview.isPresent()) {
      if (!previewSelector.equals(ModelServices.selectorOf(preview.get()))) {
        api.update(ModelServices.withSelector(preview.get(), previewSelector));
      }
    } else if (candidate != null) {
      api.create(ModelServices.preview(main, model, previewSelector));
    }
  }

  private Deployment write(Deployment actual, Deployment wanted) {
    return OwnedFields.of(actual).equals(OwnedFields.of(wanted)) ? actual : api.update(wanted);
  }

  private static Service main(List<Service> services, ModelDeployments actual) {
    List<Service> mains = services.stream().filter(s -> !isPreview(s)).toList();
    if (mains.isEmpty()) {
      throw new MissingWorkloadException("no Service serves model " + actual.model() + ": blue-green-switch service-selector"
          + " needs one labelled " + ModelWorkloadConvention.MODEL_LABEL + "=" + actual.model() + " in namespace "
          + actual.namespace());
    }
    if (mains.size() > 1) {
      throw new IllegalStateException("model " + actual.model() + " has " + mains.size() + " Services in namespace "
          + actual.namespace() + ": " + mains.stream().map(s -> s.getMetadata().getName()).toList()
          + "; label exactly one with " + ModelWorkloadConvention.MODEL_LABEL + "=" + actual.model());
    }
    return mains.get(0);
  }

  private static boolean isPreview(Service s) {
    Map<String, String> labels = s.getMetadata().getLabels();
    return labels != null && ROLE_CANDIDATE.equals(labels.get(ROLE_LABEL));
  }
}
