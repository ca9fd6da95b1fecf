package io.mlopsagent.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mlopsagent.actors.agent.Decisions;
import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.agent.ModelAgentPorts;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.poll.AcceleratedSchedule;
import io.mlopsagent.actors.ports.ModelRegistry;
import io.mlopsagent.actors.ports.ModelVersion;
import io.mlopsagent.actors.ports.RetrainingTrigger;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.agent.daemon.AgentSystem;
import io.mlopsagent.agent.daemon.Daemon;
import io.mlopsagent.agent.kubernetes.KubernetesActuator;
import io.mlopsagent.agent.kubernetes.KubernetesSettings;
import io.mlopsagent.agent.kubernetes.KubernetesSettings.TrafficSplit;
import io.mlopsagent.persistence.TaggedEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} as in production — the daemon, its poller and sharded entities, the fabric8 actuator
 * with its default backoff — acting on a Kubernetes API that answers 409, 500 or nothing in time on
 * a fifth of the agent's requests ({@link FaultyKubernetesApi}), while the metrics follow what the
 * API store really holds ({@link ClusterMetricsSource}). Ten models get a new version from the
 * registry: seven are better and must be promoted, three are worse in production and must be
 * aborted by the canary analysis. Then, from the store's applied writes and the journal:
 * <ul>
 *   <li>every rollout ended (promoted or aborted) within the bound, and no action is left unconfirmed;
 *   <li>every action was confirmed done, or journaled as failed after its tries;
 *   <li>each candidate was created once and deleted once, its weights set in the order decided,
 *       each once (a weight whose action was superseded while retried, and then journaled as
 *       failed, may be missing; a confirmed one may not); the stable Deployment changed version
 *       once per promotion and never otherwise;
 *   <li>the store ends as the decisions imply: one Deployment per model, running the promoted
 *       version or the old one after an abort.
 * </ul>
 */
@Tag("slow")
class KubernetesApiFaultsEndToEndTest {
  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  private static final String NAMESPACE = "models";
  private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(400);
  private static final double FAULT_SHARE = 0.2;
  private static final long SEED = 20260302L;
  private static final List<ModelName> MODELS =
      IntStream.rangeClosed(1, 10).mapToObj(i -> ModelName.of(String.format("model-%02d", i))).toList();
  /** The models whose new version is worse in production than in validation. */
  private static final Set<ModelName> BAD = Set.of(MODELS.get(2), MODELS.get(5), MODELS.get(8));
  private static final Duration ROLLOUTS_END_WITHIN = Duration.ofSeconds(120);

  @Test
  void rolloutsThroughAFlakyApiApplyEveryDecisionOnceAndAllEnd(@TempDir Path data) throws Exception {
    ExecutorService blocking = Executors.newFixedThreadPool(8);
    AtomicInteger backoffs = new AtomicInteger();
    Map<ModelName, List<Decisions.Decision>> decisions = new java.util.concurrent.ConcurrentHashMap<>();
    try (FaultyKubernetesApi api = FaultyKubernetesApi.start(SEED, FAULT_SHARE, REQUEST_TIMEOUT);
        KubernetesClient clean = api.cleanClient(); KubernetesClient agentClient = api.agentClient()) {
      MODELS.forEach(m -> clean.apps().deployments().inNamespace(NAMESPACE).resource(deployment(m)).create());
      KubernetesSettings settings = new KubernetesSettings(List.of(NAMESPACE), TrafficSplit.REPLICAS,
          "mlops.ai/version", REQUEST_TIMEOUT, KubernetesSettings.DEFAULT_MAX_RETRIES);
      // The production backoff (100 ms doubling to 2 s), counted: each call is one retry after a 5xx or a timeout.
      var production = io.mlopsagent.agent.kubernetes.Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(2));
      RecordingActuator cluster = new RecordingActuator(new KubernetesActuator(agentClient, settings, blocking, retry -> {
        backoffs.incrementAndGet();
        return production.delayBefore(retry);
      }));
      AgentConfig config = config(data);
      ModelAgentPorts ports = new ModelAgentPorts(cluster, registry(), retraining(), config::policies)
          .listenedBy((model, d, after) -> decisions.computeIfAbsent(model, m -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(d));
      ClusterMetricsSource source = new ClusterMetricsSource(clean, MODELS,
          (model, version) -> "v1".equals(version) ? 0.92 : BAD.contains(model) ? 0.60 : 0.94);
      // One window a minute of observation time, polled every 100 ms: a rollout takes some 20 windows.
      AcceleratedSchedule schedule = new AcceleratedSchedule(START, Duration.ofMinutes(1), 600);

      long started = System.nanoTime();
      try (Daemon daemon = Daemon.start(config, system -> new Daemon.World(source, ports), schedule, "test")) {
        await().atMost(ROLLOUTS_END_WITHIN).pollInterval(Duration.ofMillis(250))
            .untilAsserted(() -> assertThat(unsettled(daemon)).as("models whose rollout has not ended").isEmpty());
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<ModelName, List<TaggedEvents.StoredEvent>> journal = journal(daemon, config);

        ChaosReport report = new ChaosReport(api, cluster, backoffs.get(), decisions, journal, seconds);
        System.out.println(report.summary());

        try {
          assertThat(report.rolloutsStarted()).as("one rollout a model").isEqualTo(MODELS.size());
          assertThat(report.promoted()).as("promoted: the better versions")
              .containsExactlyInAnyOrderElementsOf(MODELS.stream().filter(m -> !BAD.contains(m)).toList());
          assertThat(report.aborted()).as("aborted: the worse versions").containsExactlyInAnyOrderElementsOf(BAD);
          assertThat(report.unresolvedActions()).as("actions neither confirmed nor journaled as failed").isEmpty();
          for (ModelName m : MODELS) {
            String expected = BAD.contains(m) ? "v1" : "v2";
            assertThat(clean.apps().deployments().inNamespace(NAMESPACE).withLabel("mlops.ai/model", m.value())
                .list().getItems()).as("Deployments of %s at the end", m).singleElement()
                .satisfies(d -> assertThat(ClusterMetricsSource.version(d)).isEqualTo(expected))
                .satisfies(d -> assertThat(d.getSpec().getReplicas()).isEqualTo(4));
            assertThat(report.candidateCreations(m)).as("candidate Deployments of %s created", m).isEqualTo(1);
            assertThat(report.candidateDeletions(m)).as("candidate Deployments of %s deleted", m).isEqualTo(1);
            // Each weight set once, in the order decided; one whose action was journaled as failed
            // (superseded while it was being retried) may be missing, none confirmed may.
            List<Integer> applied = report.appliedWeights(m);
            assertThat(applied).as("candidate weights of %s applied", m).doesNotHaveDuplicates();
            assertThat(inOrderWithin(applied, report.decidedWeights(m)))
                .as("weights of %s applied %s, in the order decided %s", m, applied, report.decidedWeights(m)).isTrue();
            assertThat(inOrderWithin(report.confirmedWeights(m), applied))
                .as("confirmed weights of %s %s all applied %s", m, report.confirmedWeights(m), applied).isTrue();
            assertThat(report.stableVersions(m)).as("versions the stable Deployment of %s ran", m)
                .containsExactlyElementsOf(BAD.contains(m) ? List.of("v1") : List.of("v1", "v2"));
          }
          assertThat(api.faults().values().stream().mapToLong(Long::longValue).sum())
              .as("faults injected").isGreaterThan(api.agentRequests() / 10);
        } catch (AssertionError e) {
          System.out.println(report.outline());
          throw e;
        }
      }
    } finally {
      blocking.shutdownNow();
    }
  }

  /** Whether every element of {@code part} is in {@code whole}, in the same order (an empty part is). */
  private static <T> boolean inOrderWithin(List<T> part, List<T> whole) {
    int from = 0;
    for (T t : part) {
      int found = whole.subList(from, whole.size()).indexOf(t);
      if (found < 0) {
        return false;
      }
      from += found + 1;
    }
    return true;
  }

  /** The models whose rollout has not ended, or whose entity still waits for an action's answer, and why. */
  private static List<String> unsettled(Daemon daemon) {
    List<String> unsettled = new ArrayList<>();
    for (ModelName m : MODELS) {
      var state = status(daemon, m).state();
      if (state.rollout() == null || !state.rollout().isTerminal() || state.lastActed() != null) {
        unsettled.add(m + ": rollout " + (state.rollout() == null ? "none" : state.rollout().status()
            + " (" + state.rollout().reason() + ")") + ", unconfirmed action "
            + (state.lastActed() == null ? "none" : state.lastActed().sequenceNr() + " " + state.lastActed().decision().type())
            + ", workload " + state.workload());
      }
    }
    return unsettled;
  }

  private static ModelAgent.Status status(Daemon daemon, ModelName model) {
    try {
      return AskPattern.<ModelAgent.Command, ModelAgent.Status>ask(AgentSystem.entities(daemon.system()).apply(model),
          ModelAgent.GetStatus::new, Duration.ofSeconds(5), daemon.system().scheduler())
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("status of " + model + ": " + e, e);
    }
  }

  /** Every event of every model's entity, oldest first. */
  private static Map<ModelName, List<TaggedEvents.StoredEvent>> journal(Daemon daemon, AgentConfig config)
      throws Exception {
    Map<ModelName, List<TaggedEvents.StoredEvent>> events = new java.util.LinkedHashMap<>();
    try (TaggedEvents reader = new TaggedEvents(daemon.system(), config.database())) {
      for (ModelName m : MODELS) {
        List<TaggedEvents.StoredEvent> newestFirst = new ArrayList<>(reader.newestOf(
            ModelAgent.persistenceId(m).id(), 1_000_000).toCompletableFuture().get(30, TimeUnit.SECONDS));
        java.util.Collections.reverse(newestFirst);
        events.put(m, newestFirst);
      }
    }
    return events;
  }

  private static AgentConfig config(Path data) {
    return AgentConfig.load(Optional.empty(), ConfigFactory.parseMap(Map.of(
        "mlops.data-dir", data.toString(), "mlops.db.url", "", "mlops.http.port", 0,
        "mlops.pushgateway.url", ""))
        .withFallback(ConfigFactory.parseString("""
            mlops.poller.warm-up.history = 0s
            # Plans by the rules, never put off: the test is about the API, not the moment.
            mlops.learner.enabled = false
            mlops.learner.max-delay = 0s
            policies.default.detection.warmup-windows = 5
            policies.default.rollout.strategy = canary
            policies.default.rollout.canary-steps = [20, 50, 100]
            policies.default.rollout.measurements-per-step = 2
            policies.default.rollout.upgrade-check-interval = 5m
            # A candidate whose creation is retried across windows reports nothing meanwhile: not an error.
            policies.default.rollout.progress-deadline = 2h
            policies.default.safety.max-concurrent-rollouts = 10
            """)));
  }

  /** v2 validates better than v1 for every model; whether it is better in production is the metrics'. */
  private static ModelRegistry registry() {
    return model -> CompletableFuture.completedFuture(List.of(
        new ModelVersion(model, "v2", 0.95, Set.of()), new ModelVersion(model, "v1", 0.90, Set.of())));
  }

  /** A training system that accepts every request (none is expected: no model degrades). */
  private static RetrainingTrigger retraining() {
    return (action, model, reason) -> CompletableFuture.completedFuture("run-" + action.value());
  }

  private static Deployment deployment(ModelName model) {
    String name = model.value();
    return new DeploymentBuilder()
        .withNewMetadata().withName(name).withNamespace(NAMESPACE)
        .withLabels(Map.of("mlops.ai/model", name, "app", name)).endMetadata()
        .withNewSpec()
        .withReplicas(4)
        .withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
        .withNewTemplate()
        .withNewMetadata().withLabels(Map.of("app", name, "mlops.ai/model", name, "mlops.ai/version", "v1")).endMetadata()
        .withNewSpec()
        .withContainers(new ContainerBuilder().withName("server").withImage("registry.local/ml/" + name + ":v1")
            .withNewResources().withRequests(Map.of("cpu", new Quantity("1"), "memory", new Quantity("1Gi")))
            .endResources().build())
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
