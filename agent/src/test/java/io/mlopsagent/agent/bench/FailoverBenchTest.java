package io.mlopsagent.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlopsagent.agent.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The bar for failover: three node JVMs on a shared PostgreSQL journal, the busiest killed
 * with kill -9 in the middle of its models' rollouts, and nothing lost, nothing done twice,
 * nothing left half-way.
 */
@Tag("slow")
class FailoverBenchTest {

  @Test
  void killingTheBusiestNodeLosesNoEventDoesNoActionTwiceAndLeavesNoRolloutHalfWay() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
        "bench", "failover", "--nodes", "3", "--models", "60", "--json");

    assertThat(exit).as(out + "\n" + err).isZero();
    String[] lines = out.toString().trim().split("\n");
    JsonNode figures = new ObjectMapper().readTree(lines[lines.length - 1]);
    assertThat(figures.get("events_lost").asLong()).as(out.toString()).isZero();
    assertThat(figures.get("duplicate_actions").asLong()).as(out.toString()).isZero();
    assertThat(figures.get("rollouts_unfinished").asLong()).as(out.toString()).isZero();
    assertThat(figures.get("rollouts_promoted").asLong() + figures.get("rollouts_aborted").asLong()).isEqualTo(60);
    assertThat(figures.get("failover_seconds").asDouble()).isPositive().isLessThan(120);
  }
}
