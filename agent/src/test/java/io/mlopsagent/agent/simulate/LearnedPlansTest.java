package io.mlopsagent.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlopsagent.agent.Main;
import io.mlopsagent.simulation.report.Kpi;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bar for the learner, on the bundled deployments scenario (100 models, some 600
 * rollouts whose duration and failure depend on size, complexity, CPU and the fleet's busy hours):
 * the agent whose plans are learned from its outcomes deploys faster and fails less than the same
 * agent on the seed's rules alone, on the same fleet, seed and releases.
 */
@Tag("slow")
class LearnedPlansTest {
  @TempDir Path dir;

  @Test
  void learnedPlansDeployFasterAndFailLessThanTheRulesOnTheSameFleet() throws Exception {
    Path out = dir.resolve("report");
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int exit = Main.run(new PrintWriter(stdout, true), new PrintWriter(stderr, true), "simulate", "--scenario",
        Path.of("..", "simulation", "scenarios", "deployments.conf").toString(), "--baseline", "agent_rules_only",
        "--out", out.toString());

    assertThat(exit).as(stderr.toString()).isZero();
    JsonNode policies = new ObjectMapper().readTree(Files.readString(out.resolve("report.json"))).get("policies");
    JsonNode learned = policies.get("agent");
    JsonNode rules = policies.get(AgentContender.RULES_ONLY);
    assertThat(learned.get(Kpi.ROLLOUTS).asInt()).isGreaterThanOrEqualTo(500);
    assertThat(rules.get(Kpi.ROLLOUTS).asInt()).isGreaterThanOrEqualTo(500);
    // The learner is trusted once it has outcomes enough: most rollouts after that are its plans.
    assertThat(learned.get(Kpi.LEARNED_PLANS).asInt()).isGreaterThanOrEqualTo(200);
    assertThat(rules.get(Kpi.LEARNED_PLANS).asInt()).isZero();
    // The bar: after 200 outcomes, the learned plans deploy faster and fail less. Both
    // runs are judged on the rollouts that started once their fleet had 200 outcomes, failures as
    // a share (the two runs need not start the same number of rollouts in that time).
    assertThat(learned.get(Kpi.ROLLOUTS_LATER).asInt()).isGreaterThanOrEqualTo(250);
    assertThat(rules.get(Kpi.ROLLOUTS_LATER).asInt()).isGreaterThanOrEqualTo(250);
    assertThat(learned.get(Kpi.DEPLOY_MINUTES_MEAN_LATER).asDouble())
        .isLessThan(0.8 * rules.get(Kpi.DEPLOY_MINUTES_MEAN_LATER).asDouble());
    assertThat(learned.get(Kpi.FAILED_SHARE_LATER).asDouble())
        .isLessThan(rules.get(Kpi.FAILED_SHARE_LATER).asDouble());
    // And over the whole run, learning included.
    assertThat(learned.get(Kpi.DEPLOY_MINUTES_MEAN).asDouble())
        .isLessThan(rules.get(Kpi.DEPLOY_MINUTES_MEAN).asDouble());
    assertThat(learned.get(Kpi.FAILED_ROLLOUTS).asInt()).isLessThan(rules.get(Kpi.FAILED_ROLLOUTS).asInt());
    assertThat(stdout.toString()).contains("agent_rules_only").contains("once the fleet had 200 rollout outcomes");
  }
}
