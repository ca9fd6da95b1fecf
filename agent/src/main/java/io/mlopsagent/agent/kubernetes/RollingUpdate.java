package io.mlopsagent.agent.kubernetes;

import static io.mlopsagent.agent.kubernetes.ModelWorkloadConvention.CANDIDATE_WEIGHT;
import static io.mlopsagent.agent.kubernetes.ModelWorkloadConvention.ROLLING;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.mlopsagent.actors.ports.ActionId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Deployments of a rolling update's batch: pure, no client calls. The agent drives the batches
 * itself (each is health-gated before the next), so it does what Kubernetes' RollingUpdate does
 * with {@code maxSurge} = the batch and {@code maxUnavailable} = 0, across the stable and candidate
 * Deployments: a batch adds its new pods to the candidate, and the stable Deployment gives up the
 * previous batch's old pods only then, once that batch has passed its gate, and only as many as
 * the candidate has ready. Traffic follows the pods (one Service selects both).
 *
 * <p>The stable Deployment remembers the update in {@code mlops.ai/rolling = <replicas>/<percent>}:
 * its replica count before the update and the share of pods the last batch handed out. Every number
 * derives from that annotation (and the candidate's ready pods), not from the candidate's current
 * size, so a batch repeated after a write failed half-way gives the same Deployments. Ending the update (promotion, rollback) gives
 * the stable Deployment its replicas back and drops the annotation.
 */
final class RollingUpdate {
  /** What the stable Deployment remembers of a rolling update in progress. */
  record Progress(int replicas, int percent) {}

  private RollingUpdate() {}

  static Optional<Progress> progress(Deployment stable) {
    String value = ModelDeployments.annotation(stable, ROLLING);
    if (value == null || !value.matches("[0-9]{1,6}/[0-9]{1,3}")) {
      return Optional.empty();
    }
    String[] parts = value.split("/");
    return Optional.of(new Progress(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
  }

  /** The model's replicas: the stable Deployment's own, or what it had before a rolling update. */
  static int modelReplicas(Deployment stable) {
    return progress(stable).map(Progress::replicas).orElseGet(() -> ModelDeployments.replicasOf(stable));
  }

  /** Pods of the new version at {@code percent} % of {@code replicas}: rounded up, at least one. */
  static int batchReplicas(int replicas, int percent) {
    return percent <= 0 ? 0 : Math.max(1, (int) Math.ceil(replicas * percent / 100.0));
  }

  /**
   * The stable Deployment during the batch to {@code percent}: short of the previous batches' pods
   * that are ready in the candidate (a pod of the new version not ready yet replaces nothing, as
   * {@code maxUnavailable} 0 wants; the stable Deployment gives that old pod up at a later batch or
   * at the promotion).
   */
  static Deployment stable(DesiredDeployments desired, Deployment stable, Deployment candidate, String version,
      String versionLabel, int percent, ActionId action) {
    Progress before = progress(stable).orElseGet(() -> new Progress(ModelDeployments.replicasOf(stable), 0));
    boolean same = candidate != null && version.equals(ModelDeployments.versionOf(candidate, versionLabel));
    int replaced = Math.min(batchReplicas(before.replicas(), before.percent()), same ? readyPods(candidate) : 0);
    Deployment d = desired.recorded(stable, action);
    d.getSpec().setReplicas(Math.max(0, before.replicas() - replaced));
    d.getMetadata().setAnnotations(with(d.getMetadata().getAnnotations(), ROLLING,
        before.replicas() + "/" + percent));
    return d;
  }

  /**
   * The candidate during the batch to {@code percent}: the existing one of {@code version} grown, its
   * template untouched (its first batch set the CPU); otherwise a new one from the stable template.
   */
  static Deployment candidate(DesiredDeployments desired, Deployment stable, Deployment existing, String version,
      String versionLabel, int percent, double cpuCores, ActionId action) {
    boolean same = existing != null && version.equals(ModelDeployments.versionOf(existing, versionLabel));
    Deployment d = same ? desired.recorded(existing, action)
        : desired.candidate(stable, existing, version, percent, cpuCores, action);
    d.getSpec().setReplicas(batchReplicas(modelReplicas(stable), percent));
    d.getMetadata().setAnnotations(with(d.getMetadata().getAnnotations(), CANDIDATE_WEIGHT, Integer.toString(percent)));
    return d;
  }

  /** Pods of {@code d} its controller reports ready; none when it has not reported. */
  static int readyPods(Deployment d) {
    Integer ready = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
    return ready == null ? 0 : Math.max(0, ready);
  }

  /** The stable Deployment after the update ended (promoted or rolled back): its replicas back. */
  static Deployment ended(Deployment stable) {
    Optional<Progress> p = progress(stable);
    if (p.isEmpty()) {
      return stable;
    }
    Deployment d = DesiredDeployments.copy(stable);
    d.getSpec().setReplicas(p.get().replicas());
    d.getMetadata().getAnnotations().remove(ROLLING);
    return d;
  }

  private static Map<String, String> with(Map<String, String> map, String key, String value) {
    Map<String, String> m = map == null ? new HashMap<>() : new HashMap<>(map);
    m.put(key, value);
    return m;
  }
}
