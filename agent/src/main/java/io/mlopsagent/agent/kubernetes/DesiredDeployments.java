package io.mlopsagent.agent.kubernetes;

import static io.mlopsagent.agent.kubernetes.ModelWorkloadConvention.CANDIDATE_WEIGHT;
import static io.mlopsagent.agent.kubernetes.ModelWorkloadConvention.LAST_ACTION;
import static io.mlopsagent.agent.kubernetes.ModelWorkloadConvention.ROLE_CANDIDATE;
import static io.mlopsagent.agent.kubernetes.ModelWorkloadConvention.ROLE_LABEL;
import static io.mlopsagent.agent.kubernetes.ModelWorkloadConvention.ROLE_STABLE;
import static io.mlopsagent.agent.kubernetes.ModelWorkloadConvention.SLOT_LABEL;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.agent.kubernetes.KubernetesSettings.BlueGreenSwitch;
import io.mlopsagent.agent.kubernetes.KubernetesSettings.TrafficSplit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the Deployments a model should have, from the ones it has: pure, no client calls. Each
 * method answers a deep copy of its input with only the fields the actuator owns changed (replica
 * count, pod-template labels, the first container's image and resources, our annotations), so
 * everything else — probes, env, sidecars, fields other controllers own — passes through as it is.
 */
final class DesiredDeployments {
  private final TrafficSplit split;
  private final String versionLabel;
  private final boolean slotted;

  DesiredDeployments(TrafficSplit split, String versionLabel) {
    this(split, versionLabel, BlueGreenSwitch.TEMPLATE);
  }

  DesiredDeployments(TrafficSplit split, String versionLabel, BlueGreenSwitch blueGreenSwitch) {
    this.split = split;
    this.versionLabel = versionLabel;
    this.slotted = blueGreenSwitch == BlueGreenSwitch.SERVICE_SELECTOR;
  }

  /** The name the candidate next to {@code stable} has: by role, or by slot when Services switch slots. */
  String candidateName(Deployment stable) {
    String name = stable.getMetadata().getName();
    return slotted
        ? ModelWorkloadConvention.slottedName(name, candidateSlot(stable))
        : ModelWorkloadConvention.candidateName(name);
  }

  /** The slot a candidate next to {@code stable} takes: the one the stable's pods are not in. */
  static String candidateSlot(Deployment stable) {
    return ModelWorkloadConvention.otherSlot(ModelWorkloadConvention.slotOf(podLabels(stable)));
  }

  static Map<String, String> podLabels(Deployment d) {
    var meta = d.getSpec().getTemplate().getMetadata();
    return meta == null || meta.getLabels() == null ? Map.of() : meta.getLabels();
  }

  /** The stable Deployment with {@code replicas} replicas of {@code cpuCores} cores each. */
  Deployment scaled(Deployment stable, int replicas, double cpuCores, ActionId action) {
    Deployment d = copy(stable);
    d.getSpec().setReplicas(replicas);
    setCpu(firstContainer(d), cpuCores, true);
    return recorded(d, action);
  }

  /** The candidate resized to the CPU of a rescaled stable and to the replicas its weight needs. */
  Deployment candidateResized(Deployment candidate, int stableReplicas, double cpuCores, ActionId action) {
    Deployment d = copy(candidate);
    d.getSpec().setReplicas(candidateReplicas(stableReplicas, ModelDeployments.weightOf(candidate)));
    setCpu(firstContainer(d), cpuCores, true);
    return recorded(d, action);
  }

  /**
   * The candidate for {@code version}: the stable pod template with the version swapped. It is told
   * apart by the candidate role in its selector and pod labels or, when Services switch slots, by
   * the other slot there (its pods then carry no role, so a Service selecting role stable misses
   * them, and a promotion needs no relabelling of pods, which would restart them). An existing
   * candidate is reused, since a Deployment's selector cannot change.
   *
   * <p>With {@code cpuCores} above 0 the first container requests that much CPU; a CPU limit the
   * stable one has keeps its ratio to the request (never below the request), and none is added
   * where the stable has none. With 0 the resources are the stable's, as is the rest of the template.
   */
  Deployment candidate(Deployment stable, Deployment existing, String version, int weight, double cpuCores,
      ActionId action) {
    Deployment d;
    if (existing != null) {
      d = copy(existing);
    } else {
      d = new DeploymentBuilder()
          .withMetadata(new ObjectMetaBuilder()
              .withName(candidateName(stable))
              .withNamespace(stable.getMetadata().getNamespace())
              .withLabels(with(stable.getMetadata().getLabels(), ROLE_LABEL, ROLE_CANDIDATE))
              .build())
          .withSpec(copy(stable).getSpec())
          .build();
      Map<String, String> selector = new LinkedHashMap<>();
      if (d.getSpec().getSelector().getMatchLabels() != null) {
        selector.putAll(d.getSpec().getSelector().getMatchLabels());
      }
      d.getSpec().getSelector().setMatchLabels(candidatePodLabels(selector, stable));
    }
    d.getMetadata().setLabels(with(with(d.getMetadata().getLabels(), ROLE_LABEL, ROLE_CANDIDATE), versionLabel, version));
    PodTemplateSpec template = withVersion(copy(stable).getSpec().getTemplate(), version);
    template.getMetadata().setLabels(candidatePodLabels(template.getMetadata().getLabels(), stable));
    d.getSpec().setTemplate(template);
    if (cpuCores > 0) {
      setCpu(firstContainer(d), cpuCores, false);
    }
    return reweighted(d, ModelDeployments.replicasOf(stable), weight, action);
  }

  private Map<String, String> candidatePodLabels(Map<String, String> labels, Deployment stable) {
    if (!slotted) {
      return with(labels, ROLE_LABEL, ROLE_CANDIDATE);
    }
    Map<String, String> m = new LinkedHashMap<>(labels);
    m.remove(ROLE_LABEL);
    m.put(SLOT_LABEL, candidateSlot(stable));
    return m;
  }

  /** The candidate receiving {@code weight} percent of traffic. */
  Deployment reweighted(Deployment candidate, int stableReplicas, int weight, ActionId action) {
    Deployment d = copy(candidate);
    d.getSpec().setReplicas(candidateReplicas(stableReplicas, weight));
    d.getMetadata().setAnnotations(with(d.getMetadata().getAnnotations(), CANDIDATE_WEIGHT, Integer.toString(weight)));
    return recorded(d, action);
  }

  /** The stable Deployment running the candidate's pod template, under its own role label. */
  Deployment promoted(Deployment stable, Deployment candidate, ActionId action) {
    Deployment d = copy(stable);
    PodTemplateSpec template = copy(candidate).getSpec().getTemplate();
    Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
    String stableRole = stable.getSpec().getTemplate().getMetadata().getLabels().get(ROLE_LABEL);
    if (stableRole == null) {
      labels.remove(ROLE_LABEL);
    } else {
      labels.put(ROLE_LABEL, stableRole);
    }
    template.getMetadata().setLabels(labels);
    d.getSpec().setTemplate(template);
    return recorded(d, action);
  }

  /**
   * The candidate about to serve everything after a selector switch: the stable's replica count and
   * weight 100, still labelled candidate so that the old stable Deployment stays the only stable one
   * until it is deleted.
   */
  Deployment takingOver(Deployment candidate, int stableReplicas, ActionId action) {
    Deployment d = copy(candidate);
    d.getSpec().setReplicas(stableReplicas);
    d.getMetadata().setAnnotations(with(d.getMetadata().getAnnotations(), CANDIDATE_WEIGHT, "100"));
    return recorded(d, action);
  }

  /**
   * The Deployment labelled as the stable one: a candidate whose slot the Service selects after a
   * switch. An unlabelled stable stays unlabelled (it may be selected without a role).
   */
  static Deployment asStable(Deployment deployment) {
    Map<String, String> labels = deployment.getMetadata().getLabels();
    if (labels == null || !ROLE_CANDIDATE.equals(labels.get(ROLE_LABEL))) {
      return deployment;
    }
    Deployment d = copy(deployment);
    d.getMetadata().setLabels(with(labels, ROLE_LABEL, ROLE_STABLE));
    if (d.getMetadata().getAnnotations() != null) {
      d.getMetadata().getAnnotations().remove(CANDIDATE_WEIGHT);
    }
    return d;
  }

  /** The stable Deployment running {@code version} (a rollback). */
  Deployment runningVersion(Deployment stable, String version, ActionId action) {
    Deployment d = copy(stable);
    d.getSpec().setTemplate(withVersion(d.getSpec().getTemplate(), version));
    return recorded(d, action);
  }

  /** The Deployment with {@code action} recorded as the last one applied. */
  Deployment recorded(Deployment deployment, ActionId action) {
    Deployment d = copy(deployment);
    d.getMetadata().setAnnotations(with(d.getMetadata().getAnnotations(), LAST_ACTION, action.value()));
    return d;
  }

  /**
   * Replicas of the candidate for a weight. With REPLICAS the share of traffic is the share of
   * pods behind the one Service, so weight w needs stable × w / (100 − w) pods (at least 1); a
   * preview (weight 0) gets none, because any pod of it behind that Service would serve live
   * traffic; at 100 the candidate matches the stable size (it carries everything until promoted).
   * With GATEWAY_API the route divides traffic, so the candidate needs only capacity for its
   * share, and a preview runs 1 replica behind its own Service for checks. When Services switch
   * slots, the main Service does not select a preview, so it runs 1 replica behind the preview Service.
   */
  int candidateReplicas(int stableReplicas, int weight) {
    if (split == TrafficSplit.GATEWAY_API) {
      return Math.max(1, (int) Math.ceil(stableReplicas * weight / 100.0));
    }
    if (weight == 0) {
      return slotted ? 1 : 0;
    }
    if (weight == 100) {
      return Math.max(1, stableReplicas);
    }
    return Math.max(1, (int) Math.round(stableReplicas * weight / (100.0 - weight)));
  }

  static Container firstContainer(Deployment d) {
    var containers = d.getSpec().getTemplate().getSpec().getContainers();
    if (containers == null || containers.isEmpty()) {
      throw new IllegalStateException("Deployment " + d.getMetadata().getNamespace() + "/" + d.getMetadata().getName()
          + " has no container");
    }
    return containers.get(0);
  }

  private PodTemplateSpec withVersion(PodTemplateSpec template, String version) {
    PodTemplateSpec t = new PodTemplateSpecBuilder(template).build();
    if (t.getMetadata() == null) {
      t.setMetadata(new ObjectMetaBuilder().build());
    }
    t.getMetadata().setLabels(with(t.getMetadata().getLabels(), versionLabel, version));
    Container first = t.getSpec().getContainers().get(0);
    first.setImage(ModelWorkloadConvention.imageWithTag(first.getImage(), version));
    return t;
  }

  /**
   * Request = {@code cores}; the limit keeps its ratio to the request (at least 1: Kubernetes refuses
   * a limit below the request), or equals the request when there was no ratio (a limit alone stands
   * for the request too). Without a CPU limit, one equal to the request is added if {@code addLimit},
   * else none.
   */
  private static void setCpu(Container c, double cores, boolean addLimit) {
    ResourceRequirements r = c.getResources() == null ? new ResourceRequirements() : c.getResources();
    Map<String, Quantity> requests = r.getRequests() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(r.getRequests());
    Map<String, Quantity> limits = r.getLimits() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(r.getLimits());
    BigDecimal request = BigDecimal.valueOf(cores);
    BigDecimal ratio = BigDecimal.ONE;
    Quantity oldRequest = requests.get("cpu");
    Quantity oldLimit = limits.get("cpu");
    if (oldRequest != null && oldLimit != null && oldRequest.getNumericalAmount().signum() > 0) {
      ratio = oldLimit.getNumericalAmount().divide(oldRequest.getNumericalAmount(), 6, RoundingMode.HALF_UP)
          .max(BigDecimal.ONE);
    }
    requests.put("cpu", millicores(request));
    if (oldLimit != null || addLimit) {
      limits.put("cpu", millicores(request.multiply(ratio)));
    }
    r.setRequests(requests);
    r.setLimits(limits);
    c.setResources(r);
  }

  private static Quantity millicores(BigDecimal cores) {
    // Whole millicores: the API server rounds finer values anyway, and equal inputs must give equal strings.
    return new Quantity(cores.movePointRight(3).setScale(0, RoundingMode.HALF_UP).toPlainString() + "m");
  }

  private static Map<String, String> with(Map<String, String> map, String key, String value) {
    Map<String, String> m = map == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map);
    m.put(key, value);
    return m;
  }

  static Deployment copy(Deployment d) {
    // The builder copies nested objects, so changes to the copy never reach the cached original.
    Deployment c = new DeploymentBuilder(d).build();
    if (c.getSpec() == null) {
      c.setSpec(new DeploymentSpec());
    }
    if (c.getMetadata().getAnnotations() != null) {
      c.getMetadata().setAnnotations(new HashMap<>(c.getMetadata().getAnnotations()));
    }
    return c;
  }
}
