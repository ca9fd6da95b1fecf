package io.mlopsagent.agent.kubernetes;

import static io.mlopsagent.agent.kubernetes.ModelFixture.MODEL;
import static io.mlopsagent.agent.kubernetes.ModelFixture.NAMESPACE;
import static io.mlopsagent.agent.kubernetes.ModelFixture.await;
import static io.mlopsagent.agent.kubernetes.ModelFixture.stable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.agent.kubernetes.KubernetesSettings.TrafficSplit;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Conflicts, server errors and timeouts, injected on the API seam in front of the mock server. */
@EnableKubernetesMockClient(crud = true)
class KubernetesActuatorRetryTest {
  private static final ModelName FRAUD = ModelName.of(MODEL);

  static KubernetesClient client;
  private static ExecutorService executor;
  private FlakyApi api;
  private final List<Integer> backoffAsked = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startExecutor() {
    executor = Executors.newSingleThreadExecutor();
  }

  @AfterAll
  static void stopExecutor() {
    executor.shutdownNow();
  }

  @BeforeEach
  void setUp() {
    client.apps().deployments().inNamespace(NAMESPACE).delete();
    ModelFixture.deployStable(client);
    api = new FlakyApi(new Fabric8ClusterApi(client));
  }

  private KubernetesActuator actuator(int maxRetries) {
    KubernetesSettings settings = new KubernetesSettings(
        List.of(NAMESPACE), TrafficSplit.REPLICAS, "mlops.ai/version", Duration.ofSeconds(5), maxRetries);
    return new KubernetesActuator(api, settings, executor, retry -> {
      backoffAsked.add(retry);
      return Duration.ZERO;
    });
  }

  @Test
  void aConflictingConcurrentChangeIsReadAgainAndBothChangesSurvive() throws Exception {
    // Someone else edits the Deployment between our read and our write: our PUT carries a stale
    // resourceVersion, the server answers 409, and the retry applies on top of their change.
    api.beforeNextUpdate(() -> client.apps().deployments().inNamespace(NAMESPACE).withName(MODEL)
        .edit(d -> {
          d.getMetadata().getAnnotations().put("team", "fraud-squad");
          return d;
        }));

    var scaled = await(actuator(3).scale(ActionId.of(FRAUD, 1), FRAUD, 6, 1.0));

    assertThat(scaled.replicas()).isEqualTo(6);
    assertThat(api.updateFailures).containsExactly(409);
    assertThat(stable(client).getMetadata().getAnnotations())
        .containsEntry("team", "fraud-squad").containsEntry("mlops.ai/last-action", "fraud#1");
    assertThat(backoffAsked).as("a conflict is retried at once").isEmpty();
  }

  @Test
  void injectedConflictsAreRetriedUpToMaxRetries() throws Exception {
    api.failNextUpdates(409, 2);

    var scaled = await(actuator(2).scale(ActionId.of(FRAUD, 1), FRAUD, 6, 1.0));

    assertThat(scaled.replicas()).isEqualTo(6);
    assertThat(api.updateAttempts).isEqualTo(3);
  }

  @Test
  void serverErrorsAreRetriedAfterAGrowingBackoff() throws Exception {
    KubernetesActuator actuator = actuator(3);
    await(actuator.deployCandidate(ActionId.of(FRAUD, 1), FRAUD, "v2", 10));
    api.failNextUpdates(503, 2);

    var weighed = await(actuator.setCandidateWeight(ActionId.of(FRAUD, 2), FRAUD, 50));

    assertThat(weighed.candidateWeight()).isEqualTo(50);
    assertThat(backoffAsked).containsExactly(1, 2);
    assertThat(ModelFixture.candidate(client).getSpec().getReplicas()).isEqualTo(4);
  }

  @Test
  void aCandidateCreatedBeforeAServerErrorIsNotCreatedTwice() throws Exception {
    api.failNextUpdates(503, 1); // the stable Deployment's update, after the candidate was created

    var deployed = await(actuator(3).deployCandidate(ActionId.of(FRAUD, 1), FRAUD, "v2", 20));

    assertThat(deployed.candidateVersion()).isEqualTo("v2");
    assertThat(deployed.candidateWeight()).isEqualTo(20);
    assertThat(backoffAsked).containsExactly(1);
    assertThat(client.apps().deployments().inNamespace(NAMESPACE).list().getItems()).hasSize(2);
  }

  @Test
  void timeoutsAreRetriedLikeServerErrors() throws Exception {
    api.failNextUpdatesWith(() -> new KubernetesClientException("request timed out", new SocketTimeoutException()), 1);

    var scaled = await(actuator(1).scale(ActionId.of(FRAUD, 1), FRAUD, 5, 1.0));

    assertThat(scaled.replicas()).isEqualTo(5);
    assertThat(backoffAsked).containsExactly(1);
  }

  @Test
  void givesUpAfterMaxRetriesWithTheLastError() {
    api.failNextUpdates(500, 10);

    assertThatThrownBy(() -> await(actuator(2).scale(ActionId.of(FRAUD, 1), FRAUD, 6, 1.0)))
        .cause().isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(500));
    assertThat(api.updateAttempts).isEqualTo(3);
    assertThat(stable(client).getSpec().getReplicas()).isEqualTo(4);
  }

  @Test
  void aForbiddenCallIsNotRetried() {
    api.failNextUpdates(403, 1);

    assertThatThrownBy(() -> await(actuator(3).scale(ActionId.of(FRAUD, 1), FRAUD, 6, 1.0)))
        .cause().isInstanceOf(KubernetesClientException.class);
    assertThat(api.updateAttempts).isEqualTo(1);
    assertThat(backoffAsked).isEmpty();
  }

  @Test
  void aPromotionInterruptedBeforeTheCandidateIsDeletedIsFinishedByItsRetry() throws Exception {
    KubernetesActuator actuator = actuator(3);
    await(actuator.deployCandidate(ActionId.of(FRAUD, 1), FRAUD, "v2", 50));
    api.failNextDeletes(503, 1);

    var promoted = await(actuator.promoteCandidate(ActionId.of(FRAUD, 2), FRAUD));

    assertThat(promoted.stableVersion()).isEqualTo("v2");
    assertThat(promoted.hasCandidate()).isFalse();
    assertThat(ModelFixture.candidate(client)).isNull();
  }

  /** Passes calls through to the mock server, failing chosen ones first. */
  static final class FlakyApi implements ClusterApi {
    private final ClusterApi real;
    private final Deque<Supplier<RuntimeException>> updateFaults = new ArrayDeque<>();
    private final Deque<Supplier<RuntimeException>> deleteFaults = new ArrayDeque<>();
    private final Deque<Supplier<RuntimeException>> serviceUpdateFaults = new ArrayDeque<>();
    private Runnable beforeNextUpdate;
    private Predicate<Deployment> failOnceWhen;
    final List<Integer> serviceUpdateFailures = new ArrayList<>();
    final List<Integer> updateFailures = new ArrayList<>();
    int updateAttempts;

    FlakyApi(ClusterApi real) {
      this.real = real;
    }

    void failNextUpdates(int code, int times) {
      failNextUpdatesWith(() -> new KubernetesClientException("injected " + code, code, null), times);
    }

    void failNextUpdatesWith(Supplier<RuntimeException> fault, int times) {
      for (int i = 0; i < times; i++) {
        updateFaults.add(fault);
      }
    }

    void failNextDeletes(int code, int times) {
      for (int i = 0; i < times; i++) {
        deleteFaults.add(() -> new KubernetesClientException("injected " + code, code, null));
      }
    }

    void failNextServiceUpdates(int code, int times) {
      for (int i = 0; i < times; i++) {
        serviceUpdateFaults.add(() -> new KubernetesClientException("injected " + code, code, null));
      }
    }

    /** The first update of a Deployment matching {@code when} fails with {@code code}. */
    void failUpdateOnceWhen(Predicate<Deployment> when) {
      failOnceWhen = when;
    }

    void beforeNextUpdate(Runnable r) {
      beforeNextUpdate = r;
    }

    @Override
    public List<Deployment> deploymentsOfModel(String namespace, String model) {
      return real.deploymentsOfModel(namespace, model);
    }

    @Override
    public Deployment create(Deployment deployment) {
      return real.create(deployment);
    }

    @Override
    public synchronized Deployment update(Deployment deployment) {
      updateAttempts++;
      if (beforeNextUpdate != null) {
        Runnable r = beforeNextUpdate;
        beforeNextUpdate = null;
        r.run();
      }
      Supplier<RuntimeException> fault = updateFaults.poll();
      if (fault != null) {
        throw fault.get();
      }
      if (failOnceWhen != null && failOnceWhen.test(deployment)) {
        failOnceWhen = null;
        throw new KubernetesClientException("injected 503", 503, null);
      }
      try {
        return real.update(deployment);
      } catch (KubernetesClientException e) {
        updateFailures.add(e.getCode());
        throw e;
      }
    }

    @Override
    public synchronized void delete(String namespace, String name) {
      Supplier<RuntimeException> fault = deleteFaults.poll();
      if (fault != null) {
        throw fault.get();
      }
      real.delete(namespace, name);
    }

    @Override
    public Optional<HTTPRoute> route(String namespace, String name) {
      return real.route(namespace, name);
    }

    @Override
    public HTTPRoute update(HTTPRoute route) {
      return real.update(route);
    }

    @Override
    public List<Service> servicesOfModel(String namespace, String model) {
      return real.servicesOfModel(namespace, model);
    }

    @Override
    public Service create(Service service) {
      return real.create(service);
    }

    @Override
    public synchronized Service update(Service service) {
      Supplier<RuntimeException> fault = serviceUpdateFaults.poll();
      if (fault != null) {
        throw fault.get();
      }
      try {
        return real.update(service);
      } catch (KubernetesClientException e) {
        serviceUpdateFailures.add(e.getCode());
        throw e;
      }
    }
  }
}
