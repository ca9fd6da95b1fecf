package io.mlopsagent.agent.kubernetes;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;

/** {@link ClusterApi} over a fabric8 client. */
final class Fabric8ClusterApi implements ClusterApi {
  private final KubernetesClient client;

  Fabric8ClusterApi(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public List<Deployment> deploymentsOfModel(String namespace, String model) {
    return client.apps().deployments().inNamespace(namespace)
        .withLabel(ModelWorkloadConvention.MODEL_LABEL, model).list().getItems();
  }

  @Override
  public Deployment create(Deployment deployment) {
    return client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace()).resource(deployment).create();
  }

  @Override
  public Deployment update(Deployment deployment) {
    return client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace()).resource(deployment).update();
  }

  @Override
  public void delete(String namespace, String name) {
    client.apps().deployments().inNamespace(namespace).withName(name).delete();
  }

  @Override
  public Optional<HTTPRoute> route(String namespace, String name) {
    return Optional.ofNullable(client.resources(HTTPRoute.class).inNamespace(namespace).withName(name).get());
  }

  @Override
  public HTTPRoute update(HTTPRoute route) {
    return client.resources(HTTPRoute.class).inNamespace(route.getMetadata().getNamespace()).resource(route).update();
  }

  @Override
  public List<Service> servicesOfModel(String namespace, String model) {
    return client.services().inNamespace(namespace).withLabel(ModelWorkloadConvention.MODEL_LABEL, model).list().getItems();
  }

  @Override
  public Service create(Service service) {
    return client.services().inNamespace(service.getMetadata().getNamespace()).resource(service).create();
  }

  @Override
  public Service update(Service service) {
    return client.services().inNamespace(service.getMetadata().getNamespace()).resource(service).update();
  }
}
