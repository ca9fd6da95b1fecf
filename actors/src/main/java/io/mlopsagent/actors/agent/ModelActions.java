package io.mlopsagent.actors.agent;

import io.mlopsagent.actors.agent.Decisions.Decision;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * A model's actions in the world, for its entity: each decision's action issued through the
 * ports one after another, its answer journaled (done or, after its retries, failed), and a
 * failed one tried again at the next window with the same id.
 */
final class ModelActions {
  private final ModelName model;
  private final ActorContext<ModelAgent.Command> context;
  private final Actuation actuation;
  private final EffectFactories<ModelAgent.Event, ModelState> effect;
  private final ActionRetry retry = new ActionRetry();
  // Not persisted: ends when the last action issued has ended; the next one starts then (see perform).
  private CompletableFuture<Void> actionsEnded = CompletableFuture.completedFuture(null);

  ModelActions(ModelName model, ActorContext<ModelAgent.Command> context, Actuation actuation,
      EffectFactories<ModelAgent.Event, ModelState> effect) {
    this.model = model;
    this.context = context;
    this.actuation = actuation;
    this.effect = effect;
  }

  /** The action a failed attempt left due, issued again with its id, if one is due. */
  void retryDue(ModelState state) {
    ModelState.LastActed again = retry.takeDue(state);
    if (again != null) {
      perform(again.sequenceNr(), again.decision(), state);
    }
  }

  ReplyEffect<ModelAgent.Event, ModelState> onDone(ModelState state, ModelAgent.ActuationDone done) {
    List<ModelAgent.Event> events = new ArrayList<>();
    // Every action answered is confirmed, also one a newer decision superseded while it ran: the
    // journal then says of each action whether it was done (here) or failed (ActionFailed).
    events.add(new ModelAgent.ActionCompleted(done.sequenceNr()));
    // The cluster says what runs now: trust that over what the entity believed — unless a newer
    // decision's action is still to come, whose answer will say it: this one predates that decision.
    boolean newest = state.lastActed() == null || state.lastActed().sequenceNr() <= done.sequenceNr();
    if (newest && done.workload() != null && !done.workload().equals(state.workload())) {
      events.add(new ModelAgent.WorkloadSynced(done.workload()));
    }
    return effect.persist(events).thenNoReply();
  }

  /**
   * The decision stands; its effect did not happen yet. The action is tried again at the next
   * window with the same id (so the cluster applies it once however often it is asked), up to
   * {@value ActionRetry#ATTEMPTS} tries: a promotion lost to one API error must not leave users on the
   * version the agent just replaced. After the last try the failure is journaled, and the entity
   * forgets what it believed runs and learns it again. A rollout is not aborted here: its analysis
   * sees a candidate that does not answer and fails it on its own terms.
   */
  ReplyEffect<ModelAgent.Event, ModelState> onFailed(ModelState state, ModelAgent.ActuationFailed cmd) {
    String actionId = model + "#" + cmd.sequenceNr();
    boolean unconfirmed = state.lastActed() != null && state.lastActed().sequenceNr() == cmd.sequenceNr();
    if (retry.failed(cmd.sequenceNr(), unconfirmed)) {
      context.getLog().warn("{}: {} ({}) failed, trying again at the next window ({} of {}): {}", model,
          cmd.decisionType(), actionId, retry.attempts(), ActionRetry.ATTEMPTS, cmd.error());
      return effect.noReply();
    }
    context.getLog().warn("{}: {} ({}) failed: {}", model, cmd.decisionType(), actionId, cmd.error());
    return effect.persist(new ModelAgent.ActionFailed(actionId, cmd.decisionType(), cmd.error())).thenNoReply();
  }

  /**
   * Issues the decision's action once the model's previous action has ended, done or failed. A
   * port retries a call for a while (the Kubernetes actuator: its request timeout, times its
   * retries, plus backoff), longer than windows come: without the queue, a retried older action
   * could land after the one that superseded it — a weight set after the promotion, a candidate
   * created again after its rollout ended.
   */
  void perform(long sequenceNr, Decision decision, ModelState state) {
    io.mlopsagent.actors.ports.TrafficSplit split = state.policy() == null
        ? io.mlopsagent.actors.ports.TrafficSplit.CLUSTER_DEFAULT : state.policy().rollout().trafficSplit();
    actuation.action(sequenceNr, decision, split, state.rollout()).ifPresent(call -> {
      CompletableFuture<Object> answer = actionsEnded.thenCompose(previous -> call.get().thenApply(r -> (Object) r));
      actionsEnded = answer.handle((r, error) -> null);
      context.pipeToSelf(answer, (result, error) -> error == null
          ? new ModelAgent.ActuationDone(sequenceNr, result instanceof Workload w ? w : null)
          : new ModelAgent.ActuationFailed(sequenceNr, decision.type(), JournalEntries.redacted(error)));
    });
  }
}
