package io.mlopsagent.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mlopsagent.actors.poll.FleetPoller;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.simulation.fleet.SimulatedFleet;
import io.mlopsagent.simulation.world.SimulatedWorld;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Deployment's probes over real HTTP: Pekko Management's {@code /alive} answers as soon as the
 * daemon has started, and {@code /ready} becomes true for a started, Up node with a journal, whether
 * or not it hosts a poller slice (a rolling update's surge pod hosts none).
 */
class ManagementProbesTest {
  private static final int MODELS = 3;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void aNodeHostingThePollerIsAliveAtOnceAndBecomesReady(@TempDir Path dir) throws Exception {
    int port = freePort();
    try (Daemon daemon = start(dir, port, Map.of())) {
      assertThat(status(port, "/alive")).isEqualTo(200);

      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .until(() -> status(port, "/ready"), code -> code == 200);
    }
  }

  @Test
  void aNodeHostingNoPollerSliceBecomesReadyAllTheSame(@TempDir Path dir) throws Exception {
    int port = freePort();
    // Poller slices run only on nodes with the role "poller", which this node lacks: it hosts none,
    // as a pod beyond poller-slices does in a cluster.
    Map<String, Object> noSlice = Map.of("pekko.cluster.sharded-daemon-process.sharding.role", "poller");
    try (Daemon daemon = start(dir, port, noSlice)) {
      assertThat(status(port, "/alive")).isEqualTo(200);

      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .until(() -> status(port, "/ready"), code -> code == 200);

      assertThat(localPollers(daemon)).as("pollers registered on a node without the poller role").isEmpty();
      assertThat(daemon.metrics().lastPoll()).as("a poll on a node hosting no slice").isNull();
    }
  }

  private static Daemon start(Path dir, int managementPort, Map<String, Object> more) {
    Map<String, Object> settings = new HashMap<>(more);
    settings.put("mlops.cluster.management", true);
    settings.put("pekko.management.http.hostname", "127.0.0.1");
    settings.put("pekko.management.http.port", managementPort);
    AgentConfig config = TestDaemons.config(dir, MODELS, settings);
    SimulatedWorld world = new SimulatedWorld(new SimulatedFleet(config.demo().seed(), MODELS), TestDaemons.START);
    return TestDaemons.start(config, world);
  }

  private static Set<ActorRef<FleetPoller.Command>> localPollers(Daemon daemon) throws Exception {
    var system = daemon.system();
    return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
            replyTo -> Receptionist.find(FleetPoller.SERVICE_KEY, replyTo), Duration.ofSeconds(5), system.scheduler())
        .toCompletableFuture().get().getServiceInstances(FleetPoller.SERVICE_KEY);
  }

  private static int status(int port, String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5)).GET().build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
