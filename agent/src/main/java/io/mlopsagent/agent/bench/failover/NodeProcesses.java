package io.mlopsagent.agent.bench.failover;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The agent nodes of {@code bench failover}, each its own JVM on 127.0.0.1 (this JVM's java and
 * classpath, {@code bench node}), with its output in a file of the scratch directory.
 */
public final class NodeProcesses implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** One node: its process, ports and log. */
  public record Node(int index, Process process, int remotingPort, int httpPort, Path log) {
    public boolean alive() {
      return process.isAlive();
    }
  }

  private final List<Node> nodes = new ArrayList<>();
  private final URI world;
  private final String dbUrl;
  private final String dbUser;
  private final Path dir;
  private final int slices;
  private final List<Integer> seeds = new ArrayList<>();

  private NodeProcesses(URI world, String dbUrl, String dbUser, Path dir, int slices) {
    this.world = world;
    this.dbUrl = dbUrl;
    this.dbUser = dbUser;
    this.dir = dir;
    this.slices = slices;
  }

  /**
   * Starts {@code count} nodes joining each other, polling the fleet in {@code count} slices.
   *
   * @param world the world server's address
   */
  public static NodeProcesses start(int count, URI world, String dbUrl, String dbUser, Path dir) throws IOException {
    NodeProcesses all = new NodeProcesses(world, dbUrl, dbUser, dir, count);
    for (int i = 0; i < count; i++) {
      all.seeds.add(freePort());
    }
    for (int i = 0; i < count; i++) {
      all.launch(all.seeds.get(i));
    }
    return all;
  }

  /** One more node, joining the running ones (the first nodes are its seeds). */
  public Node join() throws IOException {
    return launch(freePort());
  }

  private Node launch(int remoting) throws IOException {
    int http = freePort();
    int index = nodes.size() + 1;
    Path log = dir.resolve("node-" + index + ".log");
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx384m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), "io.mlopsagent.agent.Main", "bench", "node",
        "--world", world.toString(), "--db-url", dbUrl, "--db-user", dbUser, "--db-password", "",
        "--remoting-port", String.valueOf(remoting), "--http-port", String.valueOf(http),
        "--seed-ports", String.join(",", seeds.stream().map(String::valueOf).toList()),
        "--poller-slices", String.valueOf(slices))
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("MLOPS_LOG_LEVEL", "WARN");
    Node node = new Node(index, pb.start(), remoting, http, log);
    nodes.add(node);
    return node;
  }

  /** Stops a node gracefully (SIGTERM): it leaves the cluster and hands its shards off first. */
  public static void stop(Node node) throws InterruptedException {
    node.process().destroy();
    if (!node.process().waitFor(60, TimeUnit.SECONDS)) {
      node.process().destroyForcibly();
    }
  }

  public List<Node> nodes() {
    return List.copyOf(nodes);
  }

  public List<Node> alive() {
    return nodes.stream().filter(Node::alive).toList();
  }

  /** GET on a node's admin endpoint: status and body, or status -1 when it does not answer. */
  public static HttpResponse<String> get(Node node, String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
          .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Kills a node at once, as a crash or an evicted pod would: no leaving, no hand-off (SIGKILL). */
  public static void kill(Node node) throws InterruptedException {
    node.process().destroyForcibly();
    node.process().waitFor(30, TimeUnit.SECONDS);
  }

  /** The end of a node's log, for a failure's message. */
  public static String tail(Node node, int lines) {
    try {
      List<String> all = Files.readAllLines(node.log());
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Stops the nodes still running gracefully (SIGTERM: they leave and hand their shards off), then forcibly. */
  @Override
  public void close() {
    for (Node n : alive()) {
      n.process().destroy();
    }
    for (Node n : nodes) {
      try {
        if (!n.process().waitFor(30, TimeUnit.SECONDS)) {
          n.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        n.process().destroyForcibly();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
