package io.mlopsagent.agent.daemon;

import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.agent.cluster.ClusterMode;
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
    try {
      join(system, config);
    } catch (RuntimeException e) {
      system.terminate();
      throw e;
    }
    return system;
  }

  /** Joins the cluster the way {@code mlops.cluster.bootstrap} says. */
  private static void join(ActorSystem<Void> system, AgentConfig config) {
    ClusterMode mode = ClusterMode.of(config.pekko().getString("mlops.cluster.bootstrap"));
    boolean management = mode == ClusterMode.KUBERNETES || config.pekko().getBoolean("mlops.cluster.management");
    if (management) {
      startManagement(system, config);
    }
    switch (mode) {
      case OFF -> {
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
      }
      case SEED_NODES -> LOG.info("joining the seed nodes {}",
          config.pekko().getStringList("pekko.cluster.seed-nodes"));
      case KUBERNETES -> org.apache.pekko.management.cluster.bootstrap.ClusterBootstrap.get(system.classicSystem())
          .start();
    }
    LOG.info("cluster bootstrap: {}{}", mode.word(), management ? ", management endpoint on port "
        + config.pekko().getInt("pekko.management.http.port") : "");
  }

  /**
   * Binds the management endpoint before going on, so {@code /alive} answers as soon as the daemon
   * has started and a port already taken fails the start instead of leaving a pod without probes.
   */
  private static void startManagement(ActorSystem<Void> system, AgentConfig config) {
    int port = config.pekko().getInt("pekko.management.http.port");
    try {
      org.apache.pekko.management.javadsl.PekkoManagement.get(system.classicSystem()).start()
          .toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DaemonStartException("interrupted while binding the management endpoint on port " + port, e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new DaemonStartException("cannot serve the management endpoint (/ready, /alive, bootstrap) on port "
          + port + ": " + cause.getMessage() + " (is the port in use? set pekko.management.http.port)", cause);
    }
  }

  /** How to reach a model's entity, once {@link ModelAgent#init} has registered them. */
  public static Function<ModelName, RecipientRef<ModelAgent.Command>> entities(ActorSystem<?> system) {
    ClusterSharding sharding = ClusterSharding.get(system);
    return model -> sharding.entityRefFor(ModelAgent.ENTITY_KEY, model.value());
  }
}
