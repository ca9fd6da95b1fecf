package io.mlopsagent.actors.control;

import io.mlopsagent.persistence.CborSerializable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * The operators' switches for every node: the {@link OperatorControl} publishes them on a
 * cluster-wide topic after each change, and each node's subscriber copies them into that node's
 * {@link OperatorSwitchBoard}. A node that starts asks the control once, so it does not act on
 * a model paused before it joined.
 */
public final class OperatorBroadcast {
  private static final String TOPIC = "mlops-operator-switches";

  /** The switches as they travel between nodes. */
  public record SwitchesChanged(OperatorSwitches switches) implements CborSerializable {}

  private final ActorRef<Topic.Command<SwitchesChanged>> topic;
  private final OperatorSwitchBoard board;

  private OperatorBroadcast(ActorRef<Topic.Command<SwitchesChanged>> topic, OperatorSwitchBoard board) {
    this.topic = topic;
    this.board = board;
  }

  /** This node's end of the topic, keeping {@code board} up to date. */
  public static OperatorBroadcast start(ActorSystem<?> system, OperatorSwitchBoard board) {
    ActorRef<Topic.Command<SwitchesChanged>> topic =
        system.systemActorOf(Topic.create(SwitchesChanged.class, TOPIC), "operator-switches-topic", Props.empty());
    system.systemActorOf(subscriber(topic, board), "operator-switches-subscriber", Props.empty());
    return new OperatorBroadcast(topic, board);
  }

  /** Sends {@code switches} to every node; this node's board takes them at once. */
  public void publish(OperatorSwitches switches) {
    board.set(switches);
    topic.tell(Topic.publish(new SwitchesChanged(switches)));
  }

  /** Asks {@code control} for the switches now, for a node that has just started. */
  public void catchUp(ActorSystem<?> system, ActorRef<OperatorControl.Command> control) {
    system.systemActorOf(Behaviors.<OperatorSwitches>setup(ctx -> {
      control.tell(new OperatorControl.Get(ctx.getSelf()));
      return Behaviors.receiveMessage(switches -> {
        board.set(switches);
        return Behaviors.stopped();
      });
    }), "operator-switches-catch-up", Props.empty());
  }

  private static Behavior<SwitchesChanged> subscriber(ActorRef<Topic.Command<SwitchesChanged>> topic,
      OperatorSwitchBoard board) {
    return Behaviors.setup(ctx -> {
      topic.tell(Topic.subscribe(ctx.getSelf()));
      return Behaviors.receiveMessage(msg -> {
        board.set(msg.switches());
        return Behaviors.same();
      });
    });
  }
}
