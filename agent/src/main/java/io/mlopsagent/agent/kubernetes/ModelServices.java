package io.mlopsagent.agent.kubernetes;

import static io.mlopsagent.agent.kubernetes.ModelWorkloadConvention.MODEL_LABEL;
import static io.mlopsagent.agent.kubernetes.ModelWorkloadConvention.ROLE_CANDIDATE;
import static io.mlopsagent.agent.kubernetes.ModelWorkloadConvention.ROLE_LABEL;
import static io.mlopsagent.agent.kubernetes.ModelWorkloadConvention.SLOT_LABEL;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The selectors of a model's Services when promotions switch them (blue-green-switch
 * service-selector): pure, no client calls. Selector keys other than {@code mlops.ai/role} and
 * {@code mlops.ai/slot} are the Service owner's and pass through unchanged.
 */
final class ModelServices {
  private ModelServices() {}

  /**
   * What the main Service should select: the stable pods alone — by their slot, or by their role
   * before the first switch gave them one — or, during a canary (weight above 0), the pods of both
   * Deployments, whose replica counts then divide the traffic.
   */
  static Map<String, String> mainSelector(Service main, String model, Deployment stable, Deployment candidate) {
    Map<String, String> selector = base(main, model);
    if (candidate != null && ModelDeployments.weightOf(candidate) > 0) {
      return selector;
    }
    Map<String, String> pods = DesiredDeployments.podLabels(stable);
    if (pods.containsKey(SLOT_LABEL)) {
      selector.put(SLOT_LABEL, pods.get(SLOT_LABEL));
    } else if (pods.containsKey(ROLE_LABEL)) {
      selector.put(ROLE_LABEL, pods.get(ROLE_LABEL));
    } else {
      throw new IllegalStateException("Service " + name(main) + " of model " + model
          + " cannot select the stable pods apart from a candidate's: label the pod template of Deployment "
          + stable.getMetadata().getNamespace() + "/" + stable.getMetadata().getName() + " " + ROLE_LABEL + "=stable");
    }
    return selector;
  }

  /**
   * What the preview Service selects: the slot the stable pods are not in, which is the
   * candidate's while there is one, and never the serving pods.
   */
  static Map<String, String> previewSelector(Service main, String model, Deployment stable) {
    Map<String, String> selector = base(main, model);
    selector.put(SLOT_LABEL, DesiredDeployments.candidateSlot(stable));
    return selector;
  }

  /** A new preview Service: the main Service's ports (without node ports) in front of the candidate's slot. */
  static Service preview(Service main, String model, Map<String, String> selector) {
    List<io.fabric8.kubernetes.api.model.ServicePort> ports = main.getSpec().getPorts() == null ? List.of()
        : main.getSpec().getPorts().stream().map(p -> new ServicePortBuilder(p).withNodePort(null).build()).toList();
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(ModelWorkloadConvention.previewName(main.getMetadata().getName()))
        .withNamespace(main.getMetadata().getNamespace())
        // Labelled like the model's Services, with the candidate role telling it apart from the main one.
        .withLabels(Map.of(MODEL_LABEL, model, ROLE_LABEL, ROLE_CANDIDATE))
        .endMetadata()
        .withNewSpec().withSelector(selector).withPorts(ports).endSpec()
        .build();
  }

  static Service withSelector(Service service, Map<String, String> selector) {
    Service s = new ServiceBuilder(service).build();
    s.getSpec().setSelector(new LinkedHashMap<>(selector));
    return s;
  }

  static Map<String, String> selectorOf(Service service) {
    return service.getSpec() == null || service.getSpec().getSelector() == null ? Map.of() : service.getSpec().getSelector();
  }

  // Without the model key, a slot alone would select every model's pods in that slot.
  private static Map<String, String> base(Service main, String model) {
    Map<String, String> selector = new LinkedHashMap<>(selectorOf(main));
    if (!model.equals(selector.get(MODEL_LABEL))) {
      throw new IllegalStateException("Service " + name(main) + " of model " + model + " selects " + selectorOf(main)
          + ": blue-green-switch service-selector needs a selector with " + MODEL_LABEL + "=" + model);
    }
    selector.remove(ROLE_LABEL);
    selector.remove(SLOT_LABEL);
    return selector;
  }

  private static String name(Service s) {
    return s.getMetadata().getNamespace() + "/" + s.getMetadata().getName();
  }
}
