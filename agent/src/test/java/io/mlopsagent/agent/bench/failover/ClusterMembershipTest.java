package io.mlopsagent.agent.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlopsagent.persistence.DatabaseTarget;
import io.mlopsagent.persistence.SchemaMigration;
import io.mlopsagent.persistence.TemporaryPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster of node JVMs changing shape on purpose: a node that joins gets shards (and the models'
 * entities with them), and a node stopped gracefully hands its shards off before it goes, so its
 * models answer again at once, without waiting for the split-brain resolver, and nothing is lost.
 */
@Tag("slow")
class ClusterMembershipTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aJoiningNodeTakesShardsAndALeavingOneHandsItsShardsOff() throws Exception {
    // The new versions appear once the cluster has its three nodes, so rollouts are in flight when one leaves.
    FailoverWorld world = FailoverWorld.unreleased(40);
    try (TemporaryPostgres pg = TemporaryPostgres.start(TemporaryPostgres.Durability.NONE);
        WorldServer server = WorldServer.start(world.world())) {
      String url = pg.newDatabase();
      SchemaMigration.migrate(new DatabaseTarget.Postgres(url, pg.user(), ""), Duration.ofSeconds(30));
      try (NodeProcesses cluster = NodeProcesses.start(2, server.uri(), url, pg.user(), dir)) {
        NodeProcesses.Node first = cluster.nodes().get(0);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
            .until(() -> cluster.nodes().stream().allMatch(n -> status(NodeProcesses.get(n, "/readyz")) == 200));

        // Every model's entity lives on one of the two nodes before the third joins.
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
            .until(() -> entitiesOn(cluster.nodes()) == 40);

        cluster.join();
        try {
          // Rebalanced: shards move a few per round (the allocation strategy's limits), until every
          // node hosts a fair part (40 entities in 100 shards, a third each give or take) and every
          // model is still in exactly one place.
          await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
              .until(() -> entitiesOn(cluster.nodes()) == 40 && fewestOn(cluster.nodes()) >= 6);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
          throw new AssertionError("the shards were not spread over the joined node; logs:\n" + logs(cluster), e);
        }
        assertThat(members(first)).isEqualTo(3);

        world.release(java.time.Instant.now());
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
            .until(() -> world.rolloutsInProgress() > 0);
        JournalCounts.Contents before = JournalCounts.Contents.read(url, pg.user());
        NodeProcesses.stop(first);
        long stoppedAt = System.nanoTime();
        NodeProcesses.Node survivor = cluster.alive().get(0);
        // Every model answers through the survivors; a graceful leave needs no downing decision.
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() ->
            world.models().stream().allMatch(m -> status(NodeProcesses.get(survivor, "/api/models/" + m.value())) == 200));
        double seconds = (System.nanoTime() - stoppedAt) / 1e9;
        assertThat(seconds).as("answers after a graceful leave").isLessThan(10);
        assertThat(first.process().exitValue()).as("a graceful stop").isIn(0, 143);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
            .until(() -> world.rolloutsEnded() == 40);
        assertThat(before.lostIn(JournalCounts.Contents.read(url, pg.user()))).isZero();
        assertThat(world.duplicateActions()).isZero();
        assertThat(members(survivor)).isEqualTo(2);
      }
    }
  }

  private static String logs(NodeProcesses cluster) throws Exception {
    StringBuilder logs = new StringBuilder();
    for (NodeProcesses.Node n : cluster.nodes()) {
      logs.append("--- node ").append(n.index()).append(": ").append(NodeProcesses.get(n, "/api/cluster") == null ? ""
          : NodeProcesses.get(n, "/api/cluster").body()).append('\n').append(NodeProcesses.tail(n, 30)).append('\n');
    }
    return logs.toString();
  }

  private static int entitiesOn(List<NodeProcesses.Node> nodes) throws Exception {
    int sum = 0;
    for (NodeProcesses.Node n : nodes) {
      sum += localEntities(n);
    }
    return sum;
  }

  private static int fewestOn(List<NodeProcesses.Node> nodes) throws Exception {
    int fewest = Integer.MAX_VALUE;
    for (NodeProcesses.Node n : nodes) {
      fewest = Math.min(fewest, localEntities(n));
    }
    return fewest;
  }

  private static int localEntities(NodeProcesses.Node n) throws Exception {
    HttpResponse<String> r = NodeProcesses.get(n, "/api/cluster");
    return status(r) == 200 ? JSON.readTree(r.body()).path("localEntities").asInt() : -1;
  }

  private static int members(NodeProcesses.Node n) throws Exception {
    HttpResponse<String> r = NodeProcesses.get(n, "/api/cluster");
    return status(r) == 200 ? JSON.readTree(r.body()).path("members").size() : -1;
  }

  private static int status(HttpResponse<String> r) {
    return r == null ? -1 : r.statusCode();
  }
}
