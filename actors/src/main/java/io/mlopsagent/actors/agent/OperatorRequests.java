package io.mlopsagent.actors.agent;

import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.rollout.Transition;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * What a model's entity does for requests from outside its own loop: an operator's answer to a
 * rollout, a rollback, a deployment a pipeline asked for. Each is journaled before it is
 * answered and acted on like any decision ({@code journaled}).
 */
final class OperatorRequests {
  private final ModelName model;
  private final ActorContext<ModelAgent.Command> context;
  private final ModelAgentPorts ports;
  private final RolloutGate gate;
  private final EffectFactories<ModelAgent.Event, ModelState> effect;
  private final BiConsumer<ModelState, List<ModelAgent.Event>> journaled;

  OperatorRequests(ModelName model, ActorContext<ModelAgent.Command> context, ModelAgentPorts ports, RolloutGate gate,
      EffectFactories<ModelAgent.Event, ModelState> effect, BiConsumer<ModelState, List<ModelAgent.Event>> journaled) {
    this.model = model;
    this.context = context;
    this.ports = ports;
    this.gate = gate;
    this.effect = effect;
    this.journaled = journaled;
  }

  ReplyEffect<ModelAgent.Event, ModelState> onResume(ModelState state, ModelAgent.Resume cmd) {
    if (state.rollout() == null || state.rollout().isTerminal()) {
      return effect.reply(cmd.replyTo(), StatusReply.error("model " + model + " has no rollout in progress"));
    }
    Transition t;
    try {
      t = state.rollout().resume(state.latest().at(), cmd.decision());
    } catch (IllegalStateException e) {
      return effect.reply(cmd.replyTo(), StatusReply.error(e.getMessage()));
    }
    List<ModelAgent.Event> events = WindowDecisions.resumed(model, state, t,
        new ModelAgent.RolloutResumed(cmd.decision(), state.latest().at()));
    return effect.persist(events).thenRun(s -> journaled.accept(s, events))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(s.rollout().status().name().toLowerCase()));
  }

  ReplyEffect<ModelAgent.Event, ModelState> onRollBack(ModelState state, ModelAgent.RollBack cmd) {
    OperatorDecisions.Result r = OperatorDecisions.rollBack(model, state, cmd.by(), cmd.reason());
    if (!r.accepted()) {
      return effect.reply(cmd.replyTo(), StatusReply.error(r.refusal()));
    }
    return effect.persist(r.events()).thenRun(s -> journaled.accept(s, r.events()))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(s.workload() == null ? "" : s.workload().stableVersion()));
  }

  ReplyEffect<ModelAgent.Event, ModelState> onDeploy(ModelState state, ModelAgent.Deploy cmd) {
    String refusal = OperatorDecisions.cannotDeploy(model, state);
    if (refusal != null) {
      return effect.reply(cmd.replyTo(), new ModelAgent.DeployAnswer(null, "conflict", refusal));
    }
    context.pipeToSelf(ports.registry().versions(model), (versions, error) ->
        new ModelAgent.DeployVersionsFetched(cmd, versions, error == null ? null : JournalEntries.redacted(error)));
    return effect.noReply();
  }

  ReplyEffect<ModelAgent.Event, ModelState> onDeployVersionsFetched(ModelState state, ModelAgent.DeployVersionsFetched f) {
    ActorRef<ModelAgent.DeployAnswer> replyTo = f.deploy().replyTo();
    if (f.error() != null) {
      return effect.reply(replyTo, new ModelAgent.DeployAnswer(null, "unavailable", "the model registry did not answer: "
          + f.error()));
    }
    OperatorDecisions.Result r = OperatorDecisions.deploy(model, state, f.deploy().request(), f.versions(),
        gate.planning());
    if (!r.accepted()) {
      boolean unknown = r.refusal().contains("is not in the model registry");
      return effect.reply(replyTo, new ModelAgent.DeployAnswer(null, unknown ? "invalid" : "conflict", r.refusal()));
    }
    Decisions.RolloutStarted started = r.events().stream().filter(e -> e instanceof Decisions.RolloutStarted)
        .map(e -> (Decisions.RolloutStarted) e).findFirst().orElseThrow();
    String held = gate.heldBack(started, state.policy());
    if (held != null) {
      return effect.reply(replyTo, new ModelAgent.DeployAnswer(null, "conflict", held));
    }
    return effect.persist(r.events()).thenRun(s -> journaled.accept(s, r.events()))
        .thenReply(replyTo, s -> new ModelAgent.DeployAnswer(started, null, null));
  }
}
