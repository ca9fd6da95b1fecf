package io.mlopsagent.agent.kubernetes;

import static io.mlopsagent.agent.kubernetes.ModelWorkloadConvention.ROLE_CANDIDATE;
import static io.mlopsagent.agent.kubernetes.ModelWorkloadConvention.ROLE_LABEL;
import static io.mlopsagent.agent.kubernetes.ModelWorkloadConvention.ROLE_STABLE;
import static io.mlopsagent.agent.kubernetes.ModelWorkloadConvention.SLOT_LABEL;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.actors.ports.ClusterActuator;
import io.mlopsagent.actors.ports.Workload;
import io.mlopsagent.agent.kubernetes.KubernetesSettings.BlueGreenSwitch;
import io.mlopsagent.agent.kubernetes.KubernetesSettings.TrafficSplit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@link ClusterActuator} over the Kubernetes API (fabric8). The workload convention — labels,
 * the {@code -candidate} Deployment, version label and image tag — is described in
 * {@link ModelWorkloadConvention} and {@code docs/KUBERNETES.md}.
 *
 * <p>Every action reads the model's Deployments, builds the desired ones ({@link DesiredDeployments}),
 * and writes only those whose owned fields differ, with optimistic locking (PUT with the
 * resourceVersion read). The action id goes into {@code mlops.ai/last-action} on the stable
 * Deployment (and on the candidate when it changes): the stable one outlives every candidate, so
 * a repeat is recognised even after the candidate is gone. A repeat answers the current workload,
 * only finishing what an interrupted first attempt may have left (deleting the candidate, setting
 * route weights), which is nothing when the first attempt completed. All calls run on the executor.
 *
 * <p>With {@code blue-green-switch = service-selector} the model's Service selects the pods of one
 * slot, and a promotion switches it to the candidate's ({@link SelectorSwitch}).
 */
public final class KubernetesActuator implements ClusterActuator {

  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?");

  /** What an action does to traffic, which decides what a repeat may still have to finish. */
  private enum Effect { KEEPS_TRAFFIC, MOVES_TRAFFIC, REMOVES_CANDIDATE, PROMOTES }

  /** The desired Deployments; {@code candidate} null means the model should have none. */
  private record Plan(Deployment stable, Deployment candidate) {}

  private final ClusterApi api;
  private final KubernetesSettings settings;
  private final DesiredDeployments desired;
  private final RetryingCalls calls;
  /** Null unless blue-green-switch is service-selector. */
  private final SelectorSwitch selectors;
  private final Executor executor;
  private final Backoff backoff;
  // The same actuator with the other traffic split, for policies that ask for it per rollout.
  private final java.util.Map<TrafficSplit, KubernetesActuator> bySplit = new java.util.concurrent.ConcurrentHashMap<>();

  /** With the default backoff: 100 ms doubling up to 2 s. */
  public KubernetesActuator(KubernetesClient client, KubernetesSettings settings, Executor executor) {
    this(client, settings, executor, Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(2)));
  }

  public KubernetesActuator(KubernetesClient client, KubernetesSettings settings, Executor executor, Backoff backoff) {
    this(new Fabric8ClusterApi(Objects.requireNonNull(client, "client")), settings, executor, backoff);
  }

  KubernetesActuator(ClusterApi api, KubernetesSettings settings, Executor executor, Backoff backoff) {
    this.api = api;
    this.settings = Objects.requireNonNull(settings, "settings");
    this.desired = new DesiredDeployments(settings.split(), settings.versionLabel(), settings.blueGreenSwitch());
    this.selectors = settings.blueGreenSwitch() == BlueGreenSwitch.SERVICE_SELECTOR
        ? new SelectorSwitch(Objects.requireNonNull(api, "api"), desired) : null;
    this.calls = new RetryingCalls(Objects.requireNonNull(executor, "executor"), Objects.requireNonNull(backoff, "backoff"),
        settings.maxRetries());
    this.executor = executor;
    this.backoff = backoff;
  }

  @Override
  public CompletionStage<Workload> deployCandidate(ActionId action, ModelName model, String version, int weightPercent,
      io.mlopsagent.actors.ports.TrafficSplit split) {
    try {
      return forSplit(split).deployCandidate(action, model, version, weightPercent);
    } catch (RuntimeException e) {
      return invalid(e.getMessage());
    }
  }

  /**
   * The candidate's first container requests {@code cpuCores} (whole millicores); a CPU limit the
   * stable one has keeps its ratio to the request, never below it, and none is added where the
   * stable has none. 0 sizes the candidate as the stable; a negative, NaN or infinite value, or one
   * under a millicore, is refused before any call.
   */
  @Override
  public CompletionStage<Workload> deployCandidate(ActionId action, ModelName model, String version, int weightPercent,
      io.mlopsagent.actors.ports.TrafficSplit split, double cpuCores) {
    try {
      return forSplit(split).deploy(action, model, version, weightPercent, cpuCores);
    } catch (RuntimeException e) {
      return invalid(e.getMessage());
    }
  }

  @Override
  public CompletionStage<Workload> setCandidateWeight(ActionId action, ModelName model, int weightPercent,
      io.mlopsagent.actors.ports.TrafficSplit split) {
    try {
      return forSplit(split).setCandidateWeight(action, model, weightPercent);
    } catch (RuntimeException e) {
      return invalid(e.getMessage());
    }
  }

  /** This actuator, or its twin splitting traffic as the policy asks (refused if the settings forbid it). */
  private KubernetesActuator forSplit(io.mlopsagent.actors.ports.TrafficSplit asked) {
    TrafficSplit split = switch (asked) {
      case CLUSTER_DEFAULT -> settings.split();
      case REPLICAS -> TrafficSplit.REPLICAS;
      case GATEWAY_API -> TrafficSplit.GATEWAY_API;
    };
    return split == settings.split() ? this
        : bySplit.computeIfAbsent(split, s -> new KubernetesActuator(api, settings.withSplit(s), executor, backoff));
  }

  @Override
  public CompletionStage<Optional<Workload>> workload(ModelName model) {
    return calls.run(() -> find(model).map(d -> d.toWorkload(settings.versionLabel())));
  }

  @Override
  public CompletionStage<Workload> scale(ActionId action, ModelName model, int replicas, double cpuCores) {
    if (replicas < 0 || !(cpuCores > 0) || Double.isInfinite(cpuCores)) {
      return invalid("scale " + model + " to " + replicas + " x " + cpuCores
          + " cores is invalid: expected replicas >= 0 and cores > 0");
    }
    return act(action, model, Effect.KEEPS_TRAFFIC, d -> new Plan(
        desired.scaled(d.stable(), replicas, cpuCores, action),
        d.candidate().map(c -> desired.candidateResized(c, replicas, cpuCores, action)).orElse(null)));
  }

  @Override
  public CompletionStage<Workload> deployCandidate(ActionId action, ModelName model, String version, int weightPercent) {
    return deploy(action, model, version, weightPercent, 0);
  }

  private CompletionStage<Workload> deploy(
      ActionId action, ModelName model, String version, int weightPercent, double cpuCores) {
    if (version == null || !VERSION.matcher(version).matches()) {
      return invalid("version '" + version + "' for " + model
          + " is invalid: expected 1-63 letters, digits, '.', '_' or '-' (a label value and an image tag)");
    }
    if (weightPercent < 0 || weightPercent > 100) {
      return invalid(weightProblem(model, weightPercent));
    }
    // 0 is "as the stable"; anything else must be a CPU request Kubernetes can take (at least 1m).
    if (Double.isNaN(cpuCores) || Double.isInfinite(cpuCores) || cpuCores < 0 || (cpuCores > 0 && cpuCores < 0.001)) {
      return invalid("candidate cpuCores " + cpuCores + " for " + model + " version " + version
          + " is invalid: expected 0 (as the stable version's) or a finite number of cores >= 0.001");
    }
    return act(action, model, Effect.MOVES_TRAFFIC, d -> new Plan(
        desired.recorded(d.stable(), action),
        desired.candidate(d.stable(), d.candidate().orElse(null), version, weightPercent, cpuCores, action)));
  }

  @Override
  public CompletionStage<Workload> setCandidateWeight(ActionId action, ModelName model, int weightPercent) {
    if (weightPercent < 0 || weightPercent > 100) {
      return invalid(weightProblem(model, weightPercent));
    }
    return act(action, model, Effect.MOVES_TRAFFIC, d -> new Plan(
        desired.recorded(d.stable(), action),
        desired.reweighted(candidateOf(d, "weigh"), d.stableReplicas(), weightPercent, action)));
  }

  /** A rolling update's batch ({@link RollingUpdate}); {@code cpuCores} as for {@link #deployCandidate}. */
  @Override
  public CompletionStage<Workload> replacePods(ActionId action, ModelName model, String version, int percent,
      double cpuCores) {
    if (version == null || !VERSION.matcher(version).matches()) {
      return invalid("version '" + version + "' for " + model
          + " is invalid: expected 1-63 letters, digits, '.', '_' or '-' (a label value and an image tag)");
    }
    if (percent < 1 || percent > 100) {
      return invalid("rolling batch to " + percent + " % of the pods of " + model + " is invalid: expected 1..100");
    }
    if (Double.isNaN(cpuCores) || Double.isInfinite(cpuCores) || cpuCores < 0 || (cpuCores > 0 && cpuCores < 0.001)) {
      return invalid("candidate cpuCores " + cpuCores + " for " + model + " version " + version
          + " is invalid: expected 0 (as the stable version's) or a finite number of cores >= 0.001");
    }
    return act(action, model, Effect.MOVES_TRAFFIC, d -> new Plan(
        RollingUpdate.stable(desired, d.stable(), d.candidate().orElse(null), version, settings.versionLabel(), percent,
            action),
        RollingUpdate.candidate(desired, d.stable(), d.candidate().orElse(null), version, settings.versionLabel(),
            percent, cpuCores, action)));
  }

  // Promotion and rollback end a rolling update too: the stable Deployment gets its replicas back.
  @Override
  public CompletionStage<Workload> promoteCandidate(ActionId action, ModelName model) {
    return act(action, model, Effect.PROMOTES, d -> new Plan(
        RollingUpdate.ended(desired.promoted(d.stable(), candidateOf(d, "promote"), action)), null));
  }

  @Override
  public CompletionStage<Workload> removeCandidate(ActionId action, ModelName model) {
    return act(action, model, Effect.REMOVES_CANDIDATE,
        d -> new Plan(RollingUpdate.ended(desired.recorded(d.stable(), action)), null));
  }

  @Override
  public CompletionStage<Workload> setStableVersion(ActionId action, ModelName model, String version) {
    if (version == null || !VERSION.matcher(version).matches()) {
      return invalid("version '" + version + "' for " + model
          + " is invalid: expected 1-63 letters, digits, '.', '_' or '-' (a label value and an image tag)");
    }
    return act(action, model, Effect.REMOVES_CANDIDATE,
        d -> new Plan(RollingUpdate.ended(desired.runningVersion(d.stable(), version, action)), null));
  }

  private CompletionStage<Workload> act(
      ActionId action, ModelName model, Effect effect, Function<ModelDeployments, Plan> planner) {
    Objects.requireNonNull(action, "action");
    return calls.run(() -> {
      ModelDeployments actual = require(model);
      if (actual.recorded(action)) {
        if (selectors != null) {
          finishSwitching(actual, effect, action);
        } else {
          finishInterrupted(actual, effect);
        }
      } else if (effect == Effect.PROMOTES && selectors != null) {
        selectors.promote(actual, candidateOf(actual, "promote"), action);
      } else {
        apply(actual, planner.apply(actual), effect);
      }
      return require(model).toWorkload(settings.versionLabel());
    });
  }

  // Candidate first (it must run before traffic reaches it), then the stable one with the action
  // id, then the route, then removal of a finished candidate: a failure at any step leaves a state
  // that the retry, seeing the id recorded, completes with finishInterrupted.
  private void apply(ModelDeployments actual, Plan plan, Effect effect) {
    if (plan.candidate() != null) {
      if (actual.candidate().isPresent()) {
        updateIfChanged(actual.candidate().get(), plan.candidate());
      } else {
        api.create(plan.candidate());
      }
    }
    if (selectors == null) {
      updateIfChanged(actual.stable(), plan.stable());
    } else {
      // A stable Deployment still labelled candidate was promoted by an attempt cut short.
      updateIfChanged(actual.stable(), DesiredDeployments.asStable(plan.stable()));
      if (effect != Effect.KEEPS_TRAFFIC) {
        selectors.route(actual, plan.stable(), plan.candidate());
      }
    }
    if (effect != Effect.KEEPS_TRAFFIC && settings.split() == TrafficSplit.GATEWAY_API) {
      setRouteWeights(actual, plan.candidate() == null ? null : ModelDeployments.weightOf(plan.candidate()));
    }
    if (plan.candidate() == null && actual.candidate().isPresent()) {
      api.delete(actual.namespace(), actual.candidate().get().getMetadata().getName());
    }
  }

  private void finishInterrupted(ModelDeployments actual, Effect effect) {
    boolean gateway = settings.split() == TrafficSplit.GATEWAY_API;
    if (effect == Effect.REMOVES_CANDIDATE || effect == Effect.PROMOTES) {
      if (gateway) {
        setRouteWeights(actual, null);
      }
      actual.candidate().ifPresent(c -> api.delete(actual.namespace(), c.getMetadata().getName()));
    } else if (effect == Effect.MOVES_TRAFFIC && gateway) {
      setRouteWeights(actual, actual.candidate().map(ModelDeployments::weightOf).orElse(null));
    }
  }

  // A promotion whose id the candidate carries was cut short before the old stable was deleted:
  // run it again, each step being a no-op where done. Otherwise only labels and selectors may lag.
  private void finishSwitching(ModelDeployments actual, Effect effect, ActionId action) {
    Optional<Deployment> promoting = actual.candidate()
        .filter(c -> action.value().equals(ModelDeployments.lastAction(c)));
    if (effect == Effect.PROMOTES && promoting.isPresent()) {
      selectors.promote(actual, promoting.get(), action);
      return;
    }
    updateIfChanged(actual.stable(), DesiredDeployments.asStable(actual.stable()));
    if (effect == Effect.REMOVES_CANDIDATE) {
      selectors.route(actual, actual.stable(), null);
      actual.candidate().ifPresent(c -> api.delete(actual.namespace(), c.getMetadata().getName()));
    } else if (effect == Effect.MOVES_TRAFFIC) {
      selectors.route(actual, actual.stable(), actual.candidate().orElse(null));
    }
  }

  private void updateIfChanged(Deployment actual, Deployment wanted) {
    if (!OwnedFields.of(actual).equals(OwnedFields.of(wanted))) {
      api.update(wanted); // carries the resourceVersion read: a concurrent change answers 409
    }
  }

  private void setRouteWeights(ModelDeployments actual, Integer candidateWeight) {
    String name = actual.stable().getMetadata().getName();
    HTTPRoute route = api.route(actual.namespace(), name).orElseThrow(() -> new MissingWorkloadException(
        "HTTPRoute " + actual.namespace() + "/" + name + " of model " + actual.model()
            + " not found: traffic-split gateway-api needs a route named after the stable Deployment"));
    HTTPRoute wanted = HttpRouteWeights.desired(route, name, candidateWeight);
    if (!HttpRouteWeights.sameWeights(route, wanted)) {
      api.update(wanted);
    }
  }

  private ModelDeployments require(ModelName model) {
    return find(model).orElseThrow(() -> new MissingWorkloadException(
        "no Deployment serves model " + model + ": expected one labelled " + ModelWorkloadConvention.MODEL_LABEL + "="
            + model + " (role stable or none) in namespaces " + settings.namespaces()));
  }

  private Optional<ModelDeployments> find(ModelName model) {
    List<ModelDeployments> found = new ArrayList<>();
    for (String namespace : settings.namespaces()) {
      List<Deployment> items = api.deploymentsOfModel(namespace, model.value());
      int before = found.size();
      for (Deployment stable : items) {
        String role = role(stable);
        if (role == null || ROLE_STABLE.equals(role)) {
          String candidateName = desired.candidateName(stable);
          Optional<Deployment> candidate = items.stream()
              .filter(d -> ROLE_CANDIDATE.equals(role(d)) && candidateName.equals(d.getMetadata().getName()))
              .findFirst();
          found.add(new ModelDeployments(model, namespace, stable, candidate));
        }
      }
      if (found.size() == before && selectors != null) {
        takenOver(items).ifPresent(d -> found.add(new ModelDeployments(model, namespace, d, Optional.empty())));
      }
    }
    if (found.size() > 1) {
      throw new IllegalStateException("model " + model + " has " + found.size() + " stable Deployments: "
          + found.stream().map(d -> d.namespace() + "/" + d.stable().getMetadata().getName()).toList()
          + "; label exactly one with " + ModelWorkloadConvention.MODEL_LABEL + "=" + model);
    }
    return found.stream().findFirst();
  }

  /**
   * The Deployment serving after a promotion cut short between deleting the old stable one and
   * relabelling: the one candidate, slotted and at weight 100. A preview (weight 0) left alone
   * because someone deleted the stable Deployment is not taken for it: the Service never selected it.
   */
  private static Optional<Deployment> takenOver(List<Deployment> items) {
    List<Deployment> candidates = items.stream().filter(d -> ROLE_CANDIDATE.equals(role(d))).toList();
    if (candidates.size() != 1) {
      return Optional.empty();
    }
    Deployment only = candidates.get(0);
    boolean slotted = DesiredDeployments.podLabels(only).containsKey(SLOT_LABEL);
    return slotted && ModelDeployments.weightOf(only) == 100 ? Optional.of(only) : Optional.empty();
  }

  private Deployment candidateOf(ModelDeployments d, String verb) {
    return d.candidate().orElseThrow(() -> new IllegalStateException(
        "model " + d.model() + " has no candidate to " + verb + " (no Deployment "
            + d.namespace() + "/" + desired.candidateName(d.stable()) + ")"));
  }

  private static String role(Deployment d) {
    Map<String, String> labels = d.getMetadata().getLabels();
    return labels == null ? null : labels.get(ROLE_LABEL);
  }

  private static String weightProblem(ModelName model, int weight) {
    return "candidate weight " + weight + " for " + model + " is invalid: expected 0..100";
  }

  private static <T> CompletionStage<T> invalid(String message) {
    return CompletableFuture.failedFuture(new IllegalArgumentException(message));
  }
}
