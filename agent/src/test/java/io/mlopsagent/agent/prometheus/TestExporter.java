package io.mlopsagent.agent.prometheus;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A /metrics endpoint on 127.0.0.1 with values the test sets: gauges {@code test_<metric>} with a
 * {@code model} label (and optionally {@code version}), which a real Prometheus scrapes.
 */
public final class TestExporter implements AutoCloseable {
  /** The agent's queries for this exporter's gauges, as HOCON under {@code mlops.metrics.queries}. */
  public static final String QUERIES = """
      mlops.metrics.queries {
        accuracy = "test_accuracy{$MODELS}"
        latency-p95-seconds = "test_latency{$MODELS}"
        error-rate = "test_errors{$MODELS}"
        throughput-rps = "test_rps{$MODELS}"
        cpu-utilization = "test_cpu{$MODELS}"
      }
      """;

  private final HttpServer server;
  private final Map<String, Double> series = new ConcurrentHashMap<>();

  public TestExporter() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/metrics", exchange -> {
      byte[] body = render().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Sets {@code test_<metric>{model="<model>"}}. */
  public void set(String metric, String model, double value) {
    series.put("test_" + metric + "{model=\"" + model + "\"}", value);
  }

  /** Sets {@code test_<metric>{model="<model>",version="<version>"}}. */
  public void set(String metric, String model, String version, double value) {
    series.put("test_" + metric + "{model=\"" + model + "\",version=\"" + version + "\"}", value);
  }

  private String render() {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(series).forEach((name, value) ->
        text.append(name).append(' ').append(String.format(Locale.ROOT, "%.6f", value)).append('\n'));
    return text.toString();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
