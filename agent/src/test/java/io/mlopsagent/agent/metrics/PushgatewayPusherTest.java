package io.mlopsagent.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.typesafe.config.ConfigFactory;
import io.mlopsagent.agent.config.ConfigProblem;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PushgatewayPusherTest {
  private final List<String> received = new CopyOnWriteArrayList<>();
  private HttpServer gateway;
  private volatile int status = 200;

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.stop(0);
    }
  }

  @Test
  void putsTheCurrentExpositionUnderItsJobAndInstance() throws Exception {
    startGateway();
    AgentMetrics metrics = new AgentMetrics("9.9.9");

    boolean pushed = pusher(metrics).push().toCompletableFuture().join();

    assertThat(pushed).isTrue();
    assertThat(received).hasSize(1);
    assertThat(received.get(0)).startsWith("PUT /metrics/job/mlops-agent/instance/node-1\n")
        .contains("mlops_agent_build_info{version=\"9.9.9\"} 1");
  }

  @Test
  void aFailingGatewayIsReportedNotThrownAndTheNextPushTriesAgain() throws Exception {
    startGateway();
    status = 500;
    PushgatewayPusher pusher = pusher(new AgentMetrics("1"));

    assertThat(pusher.push().toCompletableFuture().join()).isFalse();
    status = 202;
    assertThat(pusher.push().toCompletableFuture().join()).isTrue();
  }

  @Test
  void anUnreachableGatewayIsAFailedPushNotAnException() {
    PushgatewayPusher.Settings settings = settings("http://127.0.0.1:1").orElseThrow();
    PushgatewayPusher pusher = new PushgatewayPusher(settings, HttpClient.newHttpClient(), () -> new byte[0], "text/plain");

    assertThat(pusher.push().toCompletableFuture().join()).isFalse();
  }

  @Test
  void settingsAreOffWithoutAUrlAndRefuseBadSegments() {
    assertThat(settings("")).isEmpty();
    assertThatThrownBy(() -> PushgatewayPusher.Settings.fromConfig(ConfigFactory.parseMap(Map.of(
            "url", "http://gw:9091", "job", "a/b", "instance", "", "interval", "30s")), "h"))
        .isInstanceOf(ConfigProblem.class).hasMessageContaining("mlops.pushgateway.job = a/b");
  }

  private PushgatewayPusher pusher(AgentMetrics metrics) {
    PushgatewayPusher.Settings settings = settings("http://127.0.0.1:" + gateway.getAddress().getPort()).orElseThrow();
    return new PushgatewayPusher(settings, HttpClient.newHttpClient(), metrics::scrape, metrics.contentType());
  }

  private static Optional<PushgatewayPusher.Settings> settings(String url) {
    return PushgatewayPusher.Settings.fromConfig(ConfigFactory.parseMap(Map.of(
        "url", url, "job", "mlops-agent", "instance", "node-1", "interval", "30s")), "host");
  }

  private void startGateway() throws Exception {
    gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    gateway.createContext("/", exchange -> {
      received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n"
          + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    gateway.start();
  }
}
