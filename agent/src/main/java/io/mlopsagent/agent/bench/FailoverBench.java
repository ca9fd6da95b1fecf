package io.mlopsagent.agent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.agent.bench.failover.FailoverWorld;
import io.mlopsagent.agent.bench.failover.JournalCounts;
import io.mlopsagent.agent.bench.failover.NodeProcesses;
import io.mlopsagent.agent.bench.failover.NodeProcesses.Node;
import io.mlopsagent.agent.bench.failover.Polling;
import io.mlopsagent.agent.bench.failover.WorldServer;
import io.mlopsagent.agent.cli.OptionRange;
import io.mlopsagent.agent.cli.VersionProvider;
import io.mlopsagent.persistence.DatabaseTarget;
import io.mlopsagent.persistence.SchemaMigration;
import io.mlopsagent.persistence.TemporaryPostgres;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlops-agent bench failover}: a cluster of agent nodes, each its own JVM on 127.0.0.1,
 * sharing a throwaway PostgreSQL journal and looking after one simulated world (served from this
 * process), drives every model into a rollout; then the node hosting the most entities is killed
 * without leaving, and the bench counts what that cost once the cluster has healed.
 */
@Command(
    name = "failover",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Kill -9 the busiest node of a cluster in the middle of its models' rollouts, and count:",
      "journal events lost, actions applied twice, rollouts left unfinished, and how long until",
      "every model answers again. Starts its own PostgreSQL (scripts/install-test-deps.sh)."
    })
final class FailoverBench implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Mixin BenchOptions options = new BenchOptions();

  @Option(names = "--nodes", paramLabel = "N", defaultValue = "3",
      description = "Nodes of the cluster, 3..5 (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--models", paramLabel = "M", defaultValue = "100",
      description = "Models, each rolled out once, 10..2000 (default: ${DEFAULT-VALUE}).")
  int models;

  @Override
  public Integer call() throws Exception {
    OptionRange.check(spec, "--nodes", nodes, 3, 5);
    OptionRange.check(spec, "--models", models, 10, 2_000);
    TemporaryPostgres.findBinaries();
    BenchReport report = new BenchReport(spec.commandLine().getOut(), options.json);
    report.progress("bench failover: %d nodes, %d models", nodes, models);
    FailoverWorld world = FailoverWorld.create(models);
    try (ScratchDirectory dir = new ScratchDirectory("mlops-bench-failover-");
        TemporaryPostgres pg = TemporaryPostgres.start(TemporaryPostgres.Durability.DURABLE);
        WorldServer server = WorldServer.start(world.world())) {
      String url = pg.newDatabase();
      SchemaMigration.migrate(new DatabaseTarget.Postgres(url, pg.user(), ""), Duration.ofSeconds(30));
      try (NodeProcesses cluster = NodeProcesses.start(nodes, server.uri(), url, pg.user(), dir.path())) {
        report.progress("%d node JVMs starting on 127.0.0.1 (logs in %s)...", nodes, dir.path());
        await(cluster, "every node ready", Duration.ofMinutes(3),
            () -> cluster.nodes().stream().allMatch(n -> status(NodeProcesses.get(n, "/readyz")) == 200));
        await(cluster, "a third of the models in a rollout", Duration.ofMinutes(3),
            () -> world.rolloutsInProgress() >= models / 3);
        Node busiest = busiest(cluster);
        JournalCounts.Contents before = JournalCounts.Contents.read(url, pg.user());
        report.progress("%d rollouts in progress; killing node %d (kill -9), host of the most entities",
            world.rolloutsInProgress(), busiest.index());
        long killedAt = System.nanoTime();
        NodeProcesses.kill(busiest);
        double failover = awaitEveryModel(cluster, world.models(), killedAt);
        report.progress("every model answers again %.1f s after the kill; waiting for the rollouts to end", failover);
        await(cluster, "every model's rollout ended", Duration.ofMinutes(3),
            () -> world.rolloutsEnded() == models);
        JournalCounts.Contents after = JournalCounts.Contents.read(url, pg.user());
        report.figure("nodes", nodes, "agent nodes, each its own JVM");
        report.figure("models", models, "models, each rolled out once");
        report.figure("events_lost", before.lostIn(after), "journal events before the kill missing after (row by row)");
        report.figure("duplicate_actions", world.duplicateActions(),
            "changes the cluster applied twice for one model (a rollout started or promoted again)");
        report.figure("repeated_requests", world.repeatedRequests(),
            "action ids asked again after they were applied (harmless: applied once)");
        report.figure("rollouts_unfinished", world.rolloutsUnfinished(), "rollouts neither promoted nor aborted");
        report.figure("rollouts_promoted", world.promoted(), "models serving their new version");
        report.figure("rollouts_aborted", world.rolloutsEnded() - world.promoted(),
            "rollouts ended by their analysis, the new version removed");
        report.figure("failover_seconds", failover, 1, "from the kill to the last model's entity answering again");
      }
    }
    report.finish();
    return 0;
  }

  /** The node hosting the most model entities now. */
  private static Node busiest(NodeProcesses cluster) throws Exception {
    Node busiest = null;
    int most = -1;
    for (Node n : cluster.nodes()) {
      HttpResponse<String> r = NodeProcesses.get(n, "/api/cluster");
      int entities = status(r) == 200 ? JSON.readTree(r.body()).path("localEntities").asInt() : -1;
      if (entities > most) {
        most = entities;
        busiest = n;
      }
    }
    return busiest;
  }

  /** Seconds from {@code killedAt} until every model's entity has answered through a surviving node. */
  private static double awaitEveryModel(NodeProcesses cluster, List<ModelName> models, long killedAt)
      throws InterruptedException {
    Set<ModelName> waiting = java.util.concurrent.ConcurrentHashMap.newKeySet();
    waiting.addAll(models);
    long[] lastAnswer = {killedAt};
    boolean all = Polling.until(() -> {
      List<Node> alive = cluster.alive();
      if (alive.isEmpty()) {
        throw new IllegalStateException("every surviving node stopped after the kill" + logs(cluster));
      }
      int i = 0;
      for (ModelName m : List.copyOf(waiting)) {
        if (status(NodeProcesses.get(alive.get(i++ % alive.size()), "/api/models/" + m.value())) == 200) {
          waiting.remove(m);
          lastAnswer[0] = System.nanoTime();
        }
      }
      return waiting.isEmpty();
    }, Duration.ofMillis(200), Duration.ofMinutes(3));
    if (!all) {
      throw new IllegalStateException(waiting.size() + " models never answered again after the kill"
          + logs(cluster));
    }
    return (lastAnswer[0] - killedAt) / 1e9;
  }

  private static void await(NodeProcesses cluster, String what, Duration within, BooleanSupplier done)
      throws InterruptedException {
    if (!Polling.until(done, Duration.ofMillis(250), within)) {
      throw new IllegalStateException("not reached within " + within.toSeconds() + " s: " + what + logs(cluster));
    }
  }

  /** The last lines of every node's log, so a failed wait says what the nodes were doing. */
  private static String logs(NodeProcesses cluster) {
    StringBuilder logs = new StringBuilder();
    for (Node n : cluster.nodes()) {
      logs.append("\n--- node ").append(n.index()).append(n.alive() ? "" : " (dead)").append(":\n")
          .append(NodeProcesses.tail(n, 15));
    }
    return logs.toString();
  }

  private static int status(HttpResponse<String> r) {
    return r == null ? -1 : r.statusCode();
  }
}
