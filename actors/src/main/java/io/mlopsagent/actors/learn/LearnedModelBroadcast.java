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
 *
 * <p>The champion is megabytes (1.1 MB at 1,000 outcomes, 3.3 MB at the default 5,000), far above
 * Artery's ordinary frame. The topic's actor is therefore a large-message destination
 * ({@code pekko.remote.artery.large-message-destinations} in the cluster configuration, with
 * {@code maximum-large-frame-size} sized for it): the bytes travel on Artery's separate stream for
 * big messages, where they hold up nothing else. Sending only a version and having every node read
 * the bytes from the journal was the alternative, but the champion lives there in the learner's
 * events, which snapshots delete, and in its snapshot, which holds the whole training set too:
 * reading it from another node would mean recovering the singleton's state outside the singleton,
 * or a store of its own with its own schema. A model that outgrows the frame is logged here rather
 * than dropped silently.
 */
public final class LearnedModelBroadcast {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LearnedModelBroadcast.class);
  private static final String TOPIC = "mlops-learned-model";
  private static final String TOPIC_ACTOR = "learned-model-topic";
  /** Room for what wraps the model in a frame: the champion's other fields, the envelope, manifests. */
  private static final long FRAME_OVERHEAD = 16 * 1024;

  /** The champion as it travels between nodes. */
  public record ChampionPublished(LearnerState.Champion champion) implements CborSerializable {}

  private final ActorRef<Topic.Command<ChampionPublished>> topic;
  private final String frameSetting;
  private final long frameBytes;

  private LearnedModelBroadcast(ActorRef<Topic.Command<ChampionPublished>> topic, String frameSetting,
      long frameBytes) {
    this.topic = topic;
    this.frameSetting = frameSetting;
    this.frameBytes = frameBytes;
  }

  /** This node's end of the topic, subscribed to keep {@code board} up to date. */
  public static LearnedModelBroadcast start(ActorSystem<?> system, PredictorTrainer trainer, FleetLearning board) {
    ActorRef<Topic.Command<ChampionPublished>> topic =
        system.systemActorOf(Topic.create(ChampionPublished.class, TOPIC), TOPIC_ACTOR, Props.empty());
    system.systemActorOf(subscriber(topic, trainer, board), "learned-model-subscriber", Props.empty());
    com.typesafe.config.Config artery = system.settings().config().getConfig("pekko.remote.artery");
    boolean large = artery.getStringList("large-message-destinations").contains("/system/" + TOPIC_ACTOR);
    String setting = "pekko.remote.artery.advanced." + (large ? "maximum-large-frame-size" : "maximum-frame-size");
    return new LearnedModelBroadcast(topic, setting, system.settings().config().getBytes(setting));
  }

  /** Sends the champion to every node's subscriber. */
  public void publish(LearnerState.Champion champion) {
    long size = champion.model().length + FRAME_OVERHEAD;
    if (size > frameBytes) {
      LOG.warn("learned model v{} is {} bytes, more than {} = {} allows: other nodes will not receive it and plan"
          + " with the rules; raise it on every node", champion.version(), champion.model().length, frameSetting,
          frameBytes);
    }
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
      LOG.warn("learned model v{} from the learner cannot be read ({}); plans here keep the previous one",
          c.version(), e.getMessage());
      return null;
    }
  }
}
