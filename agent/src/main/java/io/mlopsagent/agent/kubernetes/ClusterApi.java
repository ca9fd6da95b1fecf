package io.mlopsagent.agent.kubernetes;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.util.List;
import java.util.Optional;

/**
 * Every Kubernetes API call the actuator makes, and nothing else: what the Role in k8s/ must
 * grant (RbacMatchesCodeTest records the calls and compares), and a seam where tests inject
 * conflicts and server errors. Calls block and throw {@code KubernetesClientException}.
 */
interface ClusterApi {

  /** LIST deployments labelled {@code mlops.ai/model=<model>}. */
  List<Deployment> deploymentsOfModel(String namespace, String model);

  /** CREATE. */
  Deployment create(Deployment deployment);

  /** UPDATE (PUT) guarded by the resourceVersion it carries: a stale one answers 409. */
  Deployment update(Deployment deployment);

  /** DELETE; a Deployment already gone is not an error. */
  void delete(String namespace, String name);

  /** GET an HTTPRoute. */
  Optional<HTTPRoute> route(String namespace, String name);

  /** UPDATE (PUT) an HTTPRoute, guarded by its resourceVersion. */
  HTTPRoute update(HTTPRoute route);

  /** LIST services labelled {@code mlops.ai/model=<model>} (blue-green-switch service-selector). */
  List<Service> servicesOfModel(String namespace, String model);

  /** CREATE a Service (the preview Service). */
  Service create(Service service);

  /** UPDATE (PUT) a Service, guarded by its resourceVersion. */
  Service update(Service service);
}
