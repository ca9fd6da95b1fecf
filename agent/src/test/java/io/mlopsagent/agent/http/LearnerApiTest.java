package io.mlopsagent.agent.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.learn.DeploymentFeatures;
import io.mlopsagent.actors.learn.DeploymentOutcome;
import io.mlopsagent.agent.bench.OutcomeGenerator;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.agent.daemon.AgentSystem;
import io.mlopsagent.agent.daemon.Daemon;
import io.mlopsagent.agent.daemon.TestDaemons;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/learner} once the learner has trained: outcomes journaled before the daemon
 * starts, as rollouts of an earlier run would have, so the learner trains at once.
 */
class LearnerApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final int OUTCOMES = 80;

  @TempDir Path dataDir;

  @Test
  void afterATrainingItShowsTheVersionTrainingSetFiguresTimeAndFeatureImportances() throws Exception {
    AgentConfig config = TestDaemons.config(dataDir, 2);
    List<DeploymentOutcome> outcomes = new OutcomeGenerator(17).outcomes(OUTCOMES);
    journal(config, outcomes);

    try (Daemon daemon = TestDaemons.start(dataDir, 2)) {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
        JsonNode s = learner(daemon);
        return !s.get("version").asText().equals("none") && s.get("trainingSetSize").asInt() >= OUTCOMES
            && !s.get("training").asBoolean();
      });
      JsonNode learner = learner(daemon);

      assertThat(learner.get("version").asText()).matches("v[1-9][0-9]*");
      assertThat(learner.get("trainingSetSize").asInt()).isGreaterThanOrEqualTo(OUTCOMES);
      JsonNode holdout = learner.get("holdout");
      assertThat(holdout.get("count").asInt()).isPositive();
      assertThat(holdout.get("durationMae").asDouble()).isPositive();
      assertThat(holdout.has("durationR2")).isTrue();
      assertThat(holdout.has("riskLogLoss")).isTrue();
      Instant trainedAt = Instant.parse(learner.get("lastTrainedAt").asText());
      Instant newest = outcomes.stream().map(DeploymentOutcome::endedAt).max(Instant::compareTo).orElseThrow();
      assertThat(trainedAt).as("observation time: the newest outcome's end").isBeforeOrEqualTo(newest);
      List<String> features = new ArrayList<>();
      learner.get("featureImportances").fieldNames().forEachRemaining(features::add);
      assertThat(features).containsExactlyInAnyOrderElementsOf(DeploymentFeatures.NAMES);
      assertThat(learner.get("trainings")).isNotEmpty();
      assertThat(learner.get("trainings").get(0).get("promoted").asBoolean()).isTrue();
    }
  }

  private static JsonNode learner(Daemon daemon) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + daemon.httpPort() + "/api/learner")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  /** Journals {@code outcomes} tagged as the models' entities tag them, on the daemon's database. */
  private static void journal(AgentConfig config, List<DeploymentOutcome> outcomes) {
    ActorSystem<Void> system = AgentSystem.start(config);
    try {
      TestProbe<Done> journaled = TestProbe.create(system);
      ActorRef<Seed> seeder = system.systemActorOf(new Seeder(), "outcome-seeder",
          org.apache.pekko.actor.typed.Props.empty());
      seeder.tell(new Seed(outcomes, journaled.ref()));
      journaled.expectMessage(Duration.ofSeconds(30), Done.getInstance());
    } finally {
      ActorTestKit.shutdown(system, Duration.ofSeconds(30));
    }
  }

  private record Seed(List<DeploymentOutcome> outcomes, ActorRef<Done> replyTo) {}

  private static final class Seeder extends EventSourcedBehavior<Seed, ModelAgent.OutcomeRecorded, Integer> {
    Seeder() {
      super(PersistenceId.ofUniqueId("earlier-outcomes"));
    }

    @Override
    public Integer emptyState() {
      return 0;
    }

    @Override
    public CommandHandler<Seed, ModelAgent.OutcomeRecorded, Integer> commandHandler() {
      return newCommandHandlerBuilder().forAnyState().onCommand(Seed.class, (state, seed) -> Effect()
          .persist(seed.outcomes().stream().map(ModelAgent.OutcomeRecorded::new).toList())
          .thenRun(s -> seed.replyTo().tell(Done.getInstance()))).build();
    }

    @Override
    public EventHandler<Integer, ModelAgent.OutcomeRecorded> eventHandler() {
      return newEventHandlerBuilder().forAnyState().onAnyEvent((state, e) -> state + 1);
    }

    @Override
    public Set<String> tagsFor(ModelAgent.OutcomeRecorded event) {
      return Set.of(ModelAgent.OUTCOME_TAG);
    }
  }
}
