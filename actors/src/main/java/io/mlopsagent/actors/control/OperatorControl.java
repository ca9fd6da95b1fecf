package io.mlopsagent.actors.control;

import io.mlopsagent.persistence.CborSerializable;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The operators' switches and audit trail, one per cluster (a singleton), event-sourced: every
 * pause, resume and other change made through the admin API is an event tagged {@value #TAG},
 * journaled before it is answered. After each change, and once recovered, the switches go to
 * every node ({@code publish}), whose entities read them before they act.
 */
public final class OperatorControl
    extends EventSourcedBehaviorWithEnforcedReplies<OperatorControl.Command, OperatorControl.Event, OperatorSwitches> {

  public static final PersistenceId PERSISTENCE_ID = PersistenceId.ofUniqueId("OperatorControl");
  public static final String TAG = "audit";

  public sealed interface Command extends CborSerializable {}

  /** Pause {@code model}, or the fleet when it is null; answers the switches after. */
  public record Pause(String model, AuditEntry entry, ActorRef<OperatorSwitches> replyTo) implements Command {}

  /** Resume {@code model}, or the fleet when it is null; answers the switches after. */
  public record Resume(String model, AuditEntry entry, ActorRef<OperatorSwitches> replyTo) implements Command {}

  /** Journal a change made elsewhere (a promotion, a deployment, a policy reload) in the audit trail. */
  public record Record(AuditEntry entry, ActorRef<Done> replyTo) implements Command {}

  public record Get(ActorRef<OperatorSwitches> replyTo) implements Command {}

  public sealed interface Event extends CborSerializable {
    AuditEntry entry();
  }

  public record ModelPaused(String model, AuditEntry entry) implements Event {}

  public record ModelResumed(String model, AuditEntry entry) implements Event {}

  public record FleetPaused(AuditEntry entry) implements Event {}

  public record FleetResumed(AuditEntry entry) implements Event {}

  public record Acted(AuditEntry entry) implements Event {}

  public static Behavior<Command> create(Consumer<OperatorSwitches> publish) {
    return new OperatorControl(publish);
  }

  private final Consumer<OperatorSwitches> publish;

  private OperatorControl(Consumer<OperatorSwitches> publish) {
    super(PERSISTENCE_ID);
    this.publish = publish;
  }

  @Override
  public OperatorSwitches emptyState() {
    return OperatorSwitches.none();
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of(TAG);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    // The switches are small; the audit events stay in the journal for the trail.
    return RetentionCriteria.snapshotEvery(500, 2);
  }

  @Override
  public SignalHandler<OperatorSwitches> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), publish::accept)
        .build();
  }

  @Override
  public CommandHandlerWithReply<Command, Event, OperatorSwitches> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Pause.class, (state, cmd) -> changed(cmd.model() == null
            ? new FleetPaused(cmd.entry()) : new ModelPaused(cmd.model(), cmd.entry()), cmd.replyTo()))
        .onCommand(Resume.class, (state, cmd) -> changed(cmd.model() == null
            ? new FleetResumed(cmd.entry()) : new ModelResumed(cmd.model(), cmd.entry()), cmd.replyTo()))
        .onCommand(Record.class, (state, cmd) ->
            Effect().persist(new Acted(cmd.entry())).thenReply(cmd.replyTo(), s -> Done.getInstance()))
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state))
        .build();
  }

  private ReplyEffect<Event, OperatorSwitches> changed(Event event, ActorRef<OperatorSwitches> replyTo) {
    return Effect().persist(event).thenRun(publish::accept).thenReply(replyTo, s -> s);
  }

  @Override
  public EventHandler<OperatorSwitches, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(ModelPaused.class, (s, e) -> s.pausing(io.mlopsagent.actors.model.ModelName.of(e.model()), pause(e)))
        .onEvent(ModelResumed.class, (s, e) -> s.resuming(io.mlopsagent.actors.model.ModelName.of(e.model())))
        .onEvent(FleetPaused.class, (s, e) -> s.pausingFleet(pause(e)))
        .onEvent(FleetResumed.class, (s, e) -> s.resumingFleet())
        .onEvent(Acted.class, (s, e) -> s)
        .build();
  }

  private static OperatorSwitches.Pause pause(Event e) {
    return new OperatorSwitches.Pause(e.entry().who(), e.entry().reason(), e.entry().at());
  }
}
