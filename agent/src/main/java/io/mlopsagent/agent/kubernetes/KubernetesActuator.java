package io.mlopsagent.agent.kubernetes;

import static io.mlopsagent.agent.kubernetes.ModelWorkloadConvention.ROLE_CANDIDATE;
import static io.mlopsagent.agent.kubernetes.ModelWorkloadConvention.ROLE_LABEL;
import static io.mlopsagent.agent.kubernetes.ModelWorkloadConvention.ROLE_STABLE;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.actors.ports.ClusterActuator;
import io.mlopsagent.actors.ports.Workload;
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
 */
public final class KubernetesActuator implements ClusterActuator {

  /** Every permission this class uses; {@code k8s/base/rbac.yaml} must grant exactly these. */
  public static final List<RbacRule> RBAC_RULES = List.of(
      new RbacRule("apps", "deployments", List.of("list", "create", "update", "delete")),
      new RbacRule("gateway.networking.k8s.io", "httproutes", List.of("get", "update")));

  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?");

  /** What an action does to traffic, which decides what a repeat may still have to finish. */
  private enum Effect { KEEPS_TRAFFIC, MOVES_TRAFFIC, REMOVES_CANDIDATE }

  /** The desired Deployments; {@code candidate} null means the model should have none. */
  private record Plan(Deployment stable, Deployment candidate) {}

  private final ClusterApi api;
  private final KubernetesSettings settings;
  private final DesiredDeployments desired;
  private final RetryingCalls calls;

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
    this.desired = new DesiredDeployments(settings.split(), settings.versionLabel());
    this.calls = new RetryingCalls(Objects.requireNonNull(executor, "executor"), Objects.requireNonNull(backoff, "backoff"),
        settings.maxRetries());
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
    if (version == null || !VERSION.matcher(version).matches()) {
      return invalid("version '" + version + "' for " + model
          + " is invalid: expected 1-63 letters, digits, '.', '_' or '-' (a label value and an image tag)");
    }
    if (weightPercent < 0 || weightPercent > 100) {
      return invalid(weightProblem(model, weightPercent));
    }
    return act(action, model, Effect.MOVES_TRAFFIC, d -> new Plan(
        desired.recorded(d.stable(), action),
        desired.candidate(d.stable(), d.candidate().orElse(null), version, weightPercent, action)));
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

  @Override
  public CompletionStage<Workload> promoteCandidate(ActionId action, ModelName model) {
    return act(action, model, Effect.REMOVES_CANDIDATE,
        d -> new Plan(desired.promoted(d.stable(), candidateOf(d, "promote"), action), null));
  }

  @Override
  public CompletionStage<Workload> removeCandidate(ActionId action, ModelName model) {
    return act(action, model, Effect.REMOVES_CANDIDATE, d -> new Plan(desired.recorded(d.stable(), action), null));
  }

  @Override
  public CompletionStage<Workload> setStableVersion(ActionId action, ModelName model, String version) {
    if (version == null || !VERSION.matcher(version).matches()) {
      return invalid("version '" + version + "' for " + model
          + " is invalid: expected 1-63 letters, digits, '.', '_' or '-' (a label value and an image tag)");
    }
    return act(action, model, Effect.REMOVES_CANDIDATE,
        d -> new Plan(desired.runningVersion(d.stable(), version, action), null));
  }

  private CompletionStage<Workload> act(
      ActionId action, ModelName model, Effect effect, Function<ModelDeployments, Plan> planner) {
    Objects.requireNonNull(action, "action");
    return calls.run(() -> {
      ModelDeployments actual = require(model);
      if (actual.recorded(action)) {
        finishInterrupted(actual, effect);
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
    updateIfChanged(actual.stable(), plan.stable());
    if (effect != Effect.KEEPS_TRAFFIC && settings.split() == TrafficSplit.GATEWAY_API) {
      setRouteWeights(actual, plan.candidate() == null ? null : ModelDeployments.weightOf(plan.candidate()));
    }
    if (plan.candidate() == null && actual.candidate().isPresent()) {
      api.delete(actual.namespace(), actual.candidate().get().getMetadata().getName());
    }
  }

  private void finishInterrupted(ModelDeployments actual, Effect effect) {
    boolean gateway = settings.split() == TrafficSplit.GATEWAY_API;
    if (effect == Effect.REMOVES_CANDIDATE) {
      if (gateway) {
        setRouteWeights(actual, null);
      }
      actual.candidate().ifPresent(c -> api.delete(actual.namespace(), c.getMetadata().getName()));
    } else if (effect == Effect.MOVES_TRAFFIC && gateway) {
      setRouteWeights(actual, actual.candidate().map(ModelDeployments::weightOf).orElse(null));
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
      for (Deployment stable : items) {
        String role = role(stable);
        if (role == null || ROLE_STABLE.equals(role)) {
          String candidateName = ModelWorkloadConvention.candidateName(stable.getMetadata().getName());
          Optional<Deployment> candidate = items.stream()
              .filter(d -> ROLE_CANDIDATE.equals(role(d)) && candidateName.equals(d.getMetadata().getName()))
              .findFirst();
          found.add(new ModelDeployments(model, namespace, stable, candidate));
        }
      }
    }
    if (found.size() > 1) {
      throw new IllegalStateException("model " + model + " has " + found.size() + " stable Deployments: "
          + found.stream().map(d -> d.namespace() + "/" + d.stable().getMetadata().getName()).toList()
          + "; label exactly one with " + ModelWorkloadConvention.MODEL_LABEL + "=" + model);
    }
    return found.stream().findFirst();
  }

  private static Deployment candidateOf(ModelDeployments d, String verb) {
    return d.candidate().orElseThrow(() -> new IllegalStateException(
        "model " + d.model() + " has no candidate to " + verb + " (no Deployment "
            + d.namespace() + "/" + ModelWorkloadConvention.candidateName(d.stable().getMetadata().getName()) + ")"));
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
