package io.mlopsagent.agent.prometheus;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus server (the machine's Debian package; scripts/install-test-deps.sh installs
 * it) on a free loopback port with a temporary storage directory, scraping one target every
 * second. Stoppable and restartable on the same port, for outage tests.
 */
public final class RealPrometheus implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/bin/prometheus");
  private final Path dir;
  private final int port;
  private Process process;

  public RealPrometheus(int targetPort) throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException("Prometheus is not installed at " + BINARY
          + ": run scripts/install-test-deps.sh (apt-get install prometheus)");
    }
    dir = Files.createTempDirectory("mlops-prometheus-");
    port = freePort();
    Files.writeString(dir.resolve("prometheus.yml"), """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: test
            static_configs:
              - targets: ['127.0.0.1:%d']
        """.formatted(targetPort));
    start();
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** The port it listens on, the same across {@link #stop()} and {@link #start()}. */
  int port() {
    return port;
  }

  void start() throws IOException, InterruptedException {
    process = new ProcessBuilder(BINARY.toString(),
        "--config.file=" + dir.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port,
        "--log.level=warn")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("prometheus.log").toFile())
        .start();
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      process.waitFor(100, TimeUnit.MILLISECONDS); // wait on the process, not a bare sleep
    }
    throw new IllegalStateException("Prometheus did not become ready within 60 s");
  }

  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    stop();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
