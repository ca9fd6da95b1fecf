package io.mlopsagent.agent.daemon;

import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.persistence.JournalSettings;
import io.mlopsagent.persistence.SchemaMigration;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The actor system under every agent process: the journal schema brought up to date first, then a
 * system on that journal, joined as a single-node cluster so model entities can be sharded. The
 * daemon builds on it; the benchmarks start bare ones to write and recover journals.
 */
public final class AgentSystem {
  private static final Logger LOG = LoggerFactory.getLogger(AgentSystem.class);

  private AgentSystem() {}

  /**
   * Migrates the journal schema and starts the system.
   *
   * @throws io.mlopsagent.persistence.DatabaseUnavailableException when the journal cannot be used
   */
  public static ActorSystem<Void> start(AgentConfig config) {
    SchemaMigration.Outcome schema = SchemaMigration.migrate(config.database(), config.connectTimeout());
    LOG.info("journal {} ready (schema version {}, {} migration(s) applied)",
        schema.database(), schema.version(), schema.applied());
    ActorSystem<Void> system = ActorSystem.create(
        Behaviors.empty(), "mlops-agent", JournalSettings.forTarget(config.database()).withFallback(config.pekko()));
    Cluster cluster = Cluster.get(system);
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    return system;
  }

  /** How to reach a model's entity, once {@link ModelAgent#init} has registered them. */
  public static Function<ModelName, RecipientRef<ModelAgent.Command>> entities(ActorSystem<?> system) {
    ClusterSharding sharding = ClusterSharding.get(system);
    return model -> sharding.entityRefFor(ModelAgent.ENTITY_KEY, model.value());
  }
}
