package io.mlopsagent.actors.learn;

import io.mlopsagent.persistence.CborSerializable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * The learner's champion for every node: the learner (a singleton, on one node) publishes it on a
 * cluster-wide topic after each training, and each node's subscriber reads the model back from its
 * bytes into that node's {@link FleetLearning}, so entities anywhere plan with it.
 */
public final class LearnedModelBroadcast {
  private static final String TOPIC = "mlops-learned-model";

  /** The champion as it travels between nodes. */
  public record ChampionPublished(LearnerState.Champion champion) implements CborSerializable {}

  private final ActorRef<Topic.Command<ChampionPublished>> topic;

  private LearnedModelBroadcast(ActorRef<Topic.Command<ChampionPublished>> topic) {
    this.topic = topic;
  }

  /** This node's end of the topic, subscribed to keep {@code board} up to date. */
  public static LearnedModelBroadcast start(ActorSystem<?> system, PredictorTrainer trainer, FleetLearning board) {
    ActorRef<Topic.Command<ChampionPublished>> topic =
        system.systemActorOf(Topic.create(ChampionPublished.class, TOPIC), "learned-model-topic", Props.empty());
    system.systemActorOf(subscriber(topic, trainer, board), "learned-model-subscriber", Props.empty());
    return new LearnedModelBroadcast(topic);
  }

  /** Sends the champion to every node's subscriber. */
  public void publish(LearnerState.Champion champion) {
    topic.tell(Topic.publish(new ChampionPublished(champion)));
  }

  private static Behavior<ChampionPublished> subscriber(ActorRef<Topic.Command<ChampionPublished>> topic,
      PredictorTrainer trainer, FleetLearning board) {
    return Behaviors.setup(ctx -> {
      topic.tell(Topic.subscribe(ctx.getSelf()));
      return Behaviors.receiveMessage(msg -> {
        LearnerState.Champion c = msg.champion();
        LearnedModel current = board.model();
        String version = "v" + c.version();
        // The learner's own node has it already; elsewhere an unchanged model only refreshes its figures.
        OutcomePredictor predictor = version.equals(current.version()) && current.predictor() != null
            ? current.predictor() : restore(trainer, c, ctx.getLog());
        if (predictor != null) {
          board.publish(new LearnedModel(predictor, c.holdout(), c.trainingSize(), version, c.trainedAt()));
        }
        return Behaviors.same();
      });
    });
  }

  private static OutcomePredictor restore(PredictorTrainer trainer, LearnerState.Champion c, org.slf4j.Logger log) {
    try {
      return trainer.restore(c.model());
    } catch (RuntimeException e) {
      log.warn("learned model v{} from the learner cannot be read ({}); plans here keep the previous one",
          c.version(), e.getMessage());
      return null;
    }
  }
}
