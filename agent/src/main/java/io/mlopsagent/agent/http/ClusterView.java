package io.mlopsagent.agent.http;

import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * {@code GET /api/cluster}: this node, the members it sees, and the shards and model entities it
 * hosts now (which move when a node joins or leaves).
 */
record ClusterView(String self, String status, String leader, List<MemberView> members, List<String> unreachable,
    int localShards, int localEntities) {

  record MemberView(String address, String status) {}

  static ClusterView of(ActorSystem<?> system, ShardRegion.CurrentShardRegionState shards) {
    Cluster cluster = Cluster.get(system);
    var state = cluster.state();
    List<MemberView> members = StreamSupport.stream(state.getMembers().spliterator(), false)
        .map(m -> new MemberView(m.address().toString(), m.status().toString())).toList();
    List<String> unreachable = state.getUnreachable().stream().map(Member::address).map(Object::toString).toList();
    int entities = shards.getShards().stream().mapToInt(s -> s.getEntityIds().size()).sum();
    return new ClusterView(cluster.selfMember().address().toString(), cluster.selfMember().status().toString(),
        state.getLeader() == null ? null : state.getLeader().toString(), members, unreachable,
        shards.getShards().size(), entities);
  }
}
