package io.mlopsagent.agent.e2e;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * fabric8's Kubernetes mock server in CRUD mode (an in-memory API store, the one stand-in for a
 * cluster we accept) with faults between the client and the store. Its own dispatcher is the
 * interception point: a seeded share of the agent's requests is answered with
 * <ul>
 *   <li>409 Conflict, not applied (a write only: someone else changed the object);
 *   <li>500, before the store is touched or after the write was applied (the change happened, the
 *       answer says otherwise);
 *   <li>no answer within the client's request timeout: the answer is held for {@link #stall()}
 *       (bounded, so no connection is held for ever), the write applied or dropped.
 * </ul>
 * Only requests carrying {@link #AGENT_USER_AGENT} are faulted, so the test reads the store through
 * a clean client. Every write the store applied is recorded, which is what "applied once in
 * effect" is checked against.
 */
final class FaultyKubernetesApi implements AutoCloseable {
  static final String AGENT_USER_AGENT = "mlops-agent-chaos-test";
  // The server logs every request at INFO: thousands of lines that hide the run's own.
  private static final java.util.logging.Logger SERVER_LOG = java.util.logging.Logger.getLogger(MockWebServer.class.getName());

  /** What was done to one request. */
  enum Fault {
    CONFLICT_409, ERROR_500_NOT_APPLIED, ERROR_500_APPLIED, TIMEOUT_NOT_APPLIED, TIMEOUT_APPLIED;

    String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A write the store applied: method, path, and the Deployment sent (null for a delete or another kind). */
  record AppliedWrite(String method, String path, Deployment deployment) {}

  private final KubernetesMockServer server;
  private final Interceptor interceptor;
  private final Duration requestTimeout;

  private FaultyKubernetesApi(KubernetesMockServer server, Interceptor interceptor, Duration requestTimeout) {
    this.server = server;
    this.interceptor = interceptor;
    this.requestTimeout = requestTimeout;
  }

  /**
   * Starts the server on 127.0.0.1 (plain HTTP, a free port).
   *
   * @param faultShare the share of the agent's requests that get a fault, 0..1
   * @param requestTimeout the agent client's request timeout; a stalled answer comes 3 times later
   */
  static FaultyKubernetesApi start(long seed, double faultShare, Duration requestTimeout) {
    SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    Interceptor interceptor = new Interceptor(new KubernetesCrudDispatcher(List.of()), new SplittableRandom(seed),
        faultShare, requestTimeout.multipliedBy(3));
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        interceptor, false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    return new FaultyKubernetesApi(server, interceptor, requestTimeout);
  }

  /**
   * A client configured as {@code KubernetesSettings.clientConfig()} configures the agent's — our
   * request timeout, no retries of its own (the actuator retries whole actions) — whose requests
   * are faulted.
   */
  KubernetesClient agentClient() {
    return client(new ConfigBuilder(baseConfig())
        .withRequestTimeout(Math.toIntExact(requestTimeout.toMillis()))
        .withRequestRetryBackoffLimit(0)
        .withUserAgent(AGENT_USER_AGENT)
        .build());
  }

  /** A client whose requests reach the store untouched: the test's eyes. */
  KubernetesClient cleanClient() {
    return client(baseConfig());
  }

  private Config baseConfig() {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl("http://127.0.0.1:" + server.getPort())
        .withNamespace("default")
        .withRequestRetryBackoffLimit(0)
        .build();
  }

  private static KubernetesClient client(Config config) {
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** How long a stalled answer is held: three request timeouts. */
  Duration stall() {
    return interceptor.stall;
  }

  long agentRequests() {
    return interceptor.requests.get();
  }

  Map<Fault, Long> faults() {
    synchronized (interceptor) {
      return new EnumMap<>(interceptor.faults);
    }
  }

  List<AppliedWrite> appliedWrites() {
    synchronized (interceptor) {
      return List.copyOf(interceptor.applied);
    }
  }

  @Override
  public void close() {
    server.destroy();
  }

  /** Runs on the server's event loop: decides, delegates to the store, records; never blocks. */
  private static final class Interceptor extends Dispatcher {
    private final KubernetesCrudDispatcher store;
    private final SplittableRandom random;
    private final double share;
    private final Duration stall;
    private final AtomicLong requests = new AtomicLong();
    private final Map<Fault, Long> faults = new EnumMap<>(Fault.class);
    private final List<AppliedWrite> applied = new ArrayList<>();

    Interceptor(KubernetesCrudDispatcher store, SplittableRandom random, double share, Duration stall) {
      this.store = store;
      this.random = random;
      this.share = share;
      this.stall = stall;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      // Read before the store does: reading the body drains it.
      byte[] body = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
      if (!AGENT_USER_AGENT.equals(request.getHeader("User-Agent"))) {
        return recorded(request, body, store.dispatch(request));
      }
      requests.incrementAndGet();
      Fault fault = draw(!"GET".equals(request.getMethod()));
      if (fault == null) {
        return recorded(request, body, store.dispatch(request));
      }
      count(fault);
      return switch (fault) {
        case CONFLICT_409 -> status(409, "Conflict", "injected: the object was modified; try again");
        case ERROR_500_NOT_APPLIED -> status(500, "InternalError", "injected: etcd unavailable");
        case ERROR_500_APPLIED -> {
          recorded(request, body, store.dispatch(request));
          yield status(500, "InternalError", "injected: the answer was lost after the write");
        }
        case TIMEOUT_NOT_APPLIED -> status(504, "Timeout", "injected: too late, dropped").setBodyDelay(stall);
        case TIMEOUT_APPLIED -> recorded(request, body, store.dispatch(request)).setBodyDelay(stall);
      };
    }

    /** A fault for this request, or null: a read gets no 409, and has nothing to apply. */
    private synchronized Fault draw(boolean write) {
      if (random.nextDouble() >= share) {
        return null;
      }
      int kind = random.nextInt(write ? 3 : 2);
      boolean applies = write && random.nextBoolean();
      return switch (kind) {
        case 0 -> applies ? Fault.ERROR_500_APPLIED : Fault.ERROR_500_NOT_APPLIED;
        case 1 -> applies ? Fault.TIMEOUT_APPLIED : Fault.TIMEOUT_NOT_APPLIED;
        default -> Fault.CONFLICT_409;
      };
    }

    private synchronized void count(Fault fault) {
      faults.merge(fault, 1L, Long::sum);
    }

    private MockResponse recorded(RecordedRequest request, byte[] body, MockResponse response) {
      String method = request.getMethod();
      if (!"GET".equals(method) && response.code() / 100 == 2) {
        Deployment sent = null;
        if (request.getPath().contains("/deployments") && !"DELETE".equals(method)) {
          sent = Serialization.unmarshal(new String(body, java.nio.charset.StandardCharsets.UTF_8), Deployment.class);
        }
        synchronized (this) {
          applied.add(new AppliedWrite(method, request.getPath(), sent));
        }
      }
      return response;
    }

    private static MockResponse status(int code, String reason, String message) {
      return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
          .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
              + message + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}");
    }

    @Override
    public void shutdown() {
      store.shutdown();
    }
  }
}
