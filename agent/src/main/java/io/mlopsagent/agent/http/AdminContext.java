package io.mlopsagent.agent.http;

import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.control.OperatorControl;
import io.mlopsagent.actors.control.OperatorSwitchBoard;
import io.mlopsagent.actors.learn.Learner;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.poll.FleetPoller;
import io.mlopsagent.agent.config.AgentConfig.HttpSettings;
import io.mlopsagent.agent.config.PolicySource;
import io.mlopsagent.agent.metrics.AgentMetrics;
import io.mlopsagent.agent.metrics.JournalHealth;
import io.mlopsagent.persistence.TaggedEvents;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;

/**
 * What the admin API reads from and acts through.
 *
 * @param limitation what the agent cannot do here (observe only, say), null when it can act
 * @param journalHealth whether the journal's database answers, for readiness
 */
public record AdminContext(
    ActorSystem<?> system,
    Supplier<CompletionStage<FleetPoller.Fleet>> fleet,
    ActorRef<Learner.Command> learner,
    Function<ModelName, RecipientRef<ModelAgent.Command>> entities,
    TaggedEvents journal,
    AgentMetrics metrics,
    HttpSettings http,
    AdminSettings admin,
    String limitation,
    ActorRef<OperatorControl.Command> control,
    OperatorSwitchBoard switches,
    PolicySource policies,
    JournalHealth journalHealth) {}
