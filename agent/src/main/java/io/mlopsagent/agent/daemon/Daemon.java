package io.mlopsagent.agent.daemon;

import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.agent.ModelAgentPorts;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.learn.FleetLearning;
import io.mlopsagent.actors.learn.LearnedModelBroadcast;
import io.mlopsagent.actors.learn.Learner;
import io.mlopsagent.actors.learn.LearnerSettings;
import io.mlopsagent.actors.learn.ReadJournalOutcomeFeed;
import io.mlopsagent.actors.learn.smile.SmileForestTrainer;
import io.mlopsagent.actors.poll.FleetPoller;
import io.mlopsagent.agent.cluster.AgentReadiness;
import io.mlopsagent.agent.cluster.PollerFleet;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;
import io.mlopsagent.actors.poll.ObservationSchedule;
import io.mlopsagent.actors.poll.PollReport;
import io.mlopsagent.actors.ports.MetricsSource;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.agent.http.AdminRoutes;
import io.mlopsagent.agent.metrics.AgentMetrics;
import io.mlopsagent.agent.metrics.FleetMetrics;
import io.mlopsagent.agent.metrics.JournalHealth;
import io.mlopsagent.agent.metrics.MeteredMetricsSource;
import io.mlopsagent.agent.metrics.PushgatewayPusher;
import io.mlopsagent.persistence.TaggedEvents;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running agent: the journal schema checked, the actor system up as a single-node cluster,
 * model entities registered with sharding, a poller observing the fleet, the admin endpoint bound.
 * The metrics source decides what world it looks after: a simulated fleet for {@code demo}, the
 * real one for {@code run}.
 */
public final class Daemon implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

  private final ActorSystem<Void> system;
  private final ServerBinding binding;
  private final AgentMetrics metrics;

  private Daemon(ActorSystem<Void> system, ServerBinding binding, AgentMetrics metrics) {
    this.system = system;
    this.binding = binding;
    this.metrics = metrics;
  }

  /**
   * Starts the daemon and returns once the admin endpoint is bound.
   *
   * @throws io.mlopsagent.persistence.DatabaseUnavailableException when the journal cannot be used
   * @throws DaemonStartException when the admin port cannot be bound
   */
  public static Daemon start(AgentConfig config, MetricsSource source, ModelAgentPorts ports,
      ObservationSchedule schedule, String version) {
    return start(config, system -> new World(source, ports), schedule, version);
  }

  /**
   * What the daemon looks after and acts on; built once the actor system exists.
   *
   * @param limitation what the agent cannot do in this world (e.g. "observe only: Kubernetes is
   *     disabled"), shown on {@code /readyz}; null when it can act
   */
  public record World(MetricsSource source, ModelAgentPorts ports, String limitation) {
    public World(MetricsSource source, ModelAgentPorts ports) {
      this(source, ports, null);
    }
  }

  /**
   * What a benchmark watches of a running daemon, besides its metrics: every poll's report and
   * every window's observation-to-decision time. Both are called from actor threads.
   */
  public record Probe(Consumer<PollReport> polls, FleetPoller.ObserveTimer observations) {
    public static final Probe NONE = new Probe(report -> { }, FleetPoller.ObserveTimer.NONE);
  }

  /** Starts a daemon whose world needs the actor system (a circuit breaker's scheduler, say). */
  public static Daemon start(AgentConfig config, java.util.function.Function<ActorSystem<?>, World> worldOf,
      ObservationSchedule schedule, String version) {
    return start(config, worldOf, schedule, version, Probe.NONE);
  }

  /** Starts a daemon watched by {@code probe}. */
  public static Daemon start(AgentConfig config, java.util.function.Function<ActorSystem<?>, World> worldOf,
      ObservationSchedule schedule, String version, Probe probe) {
    io.mlopsagent.agent.http.AdminSettings admin = config.admin();
    java.util.Optional<javax.net.ssl.SSLContext> tls =
        io.mlopsagent.agent.http.AdminTls.fromConfig(config.pekko().getConfig("mlops.http.tls"));
    ActorSystem<Void> system = AgentSystem.start(config);
    try {
      World world = worldOf.apply(system);
      AgentMetrics metrics = new AgentMetrics(version);
      FleetMetrics fleetMetrics = new FleetMetrics(metrics.registry(), world.source());
      MetricsSource source = new MeteredMetricsSource(world.source(), fleetMetrics::observed);
      LearnerSettings learnerSettings = LearnerSettings.fromConfig(config.pekko().getConfig("mlops.learner"));
      FleetLearning learning = learnerSettings.fleetLearning();
      io.mlopsagent.actors.control.OperatorSwitchBoard switches = new io.mlopsagent.actors.control.OperatorSwitchBoard();
      io.mlopsagent.actors.control.OperatorBroadcast operatorBroadcast =
          io.mlopsagent.actors.control.OperatorBroadcast.start(system, switches);
      ActorRef<io.mlopsagent.actors.control.OperatorControl.Command> control = ClusterSingleton.get(system).init(
          SingletonActor.of(io.mlopsagent.actors.control.OperatorControl.create(operatorBroadcast::publish),
              "operator-control"));
      operatorBroadcast.catchUp(system, control);
      ModelAgent.init(system, world.ports().learningFrom(learning).listenedBy(fleetMetrics).switchedBy(switches));
      Function<ModelName, RecipientRef<ModelAgent.Command>> entities = AgentSystem.entities(system);
      SmileForestTrainer trainer = new SmileForestTrainer();
      LearnedModelBroadcast broadcast = LearnedModelBroadcast.start(system, trainer, learning);
      // The policies the entities follow also say when the learner retrains (policies.learner):
      // asked at each check, so a reloaded file takes effect without restarting the singleton.
      java.util.function.Supplier<io.mlopsagent.actors.policy.PolicyBook> policies = world.ports().policies();
      ActorRef<Learner.Command> learner = ClusterSingleton.get(system).init(SingletonActor.of(
          Learner.create(learnerSettings, () -> policies.get().learner(), trainer,
              new ReadJournalOutcomeFeed(system), learning, broadcast::publish),
          "learner"));

      FleetPoller.Settings pollerSettings = FleetPoller.Settings.fromConfig(config.pekko().getConfig("mlops.poller"));
      int slices = config.pekko().getInt("mlops.cluster.poller-slices");
      PollerFleet pollers = PollerFleet.start(system, slices, i -> FleetPoller.create(
              new FleetPoller.Slice(i, slices), source, schedule, entities, pollerSettings,
              metrics.ofSlice(i).andThen(probe.polls()), probe.observations(),
              (at, rps) -> learning.observeFleet(i, at, rps)),
          config.http().askTimeout());

      // Polling stops first, so the shutdown of sharding does not race new observations.
      CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "stop-polling",
          () -> pollers.stopLocal().thenApply(v -> Done.getInstance()));

      TaggedEvents tagged = new TaggedEvents(system, config.database());
      CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "close-journal-reader",
          () -> {
            tagged.close();
            return java.util.concurrent.CompletableFuture.completedFuture(Done.getInstance());
          });
      JournalHealth journalHealth = JournalHealth.start(system, tagged, config.database().describe(),
          config.pekko().getDuration("mlops.persistence.health-interval"), metrics.registry());
      PushgatewayPusher.Settings.fromConfig(config.pekko().getConfig("mlops.pushgateway"), hostName())
          .ifPresent(push -> {
            PushgatewayPusher pusher = new PushgatewayPusher(push, java.net.http.HttpClient.newHttpClient(),
                metrics::scrape, metrics.contentType());
            system.scheduler().scheduleWithFixedDelay(push.interval(), push.interval(), pusher::push,
                system.executionContext());
            LOG.info("pushing metrics to {} every {}", push.url(), push.interval());
          });
      if (config.policySource().file().isPresent()) {
        system.scheduler().scheduleWithFixedDelay(config.policyReloadInterval(), config.policyReloadInterval(),
            () -> {
              // A task that throws stops being scheduled: never let one reload end all reloading.
              try {
                config.policySource().reloadIfChanged();
              } catch (RuntimeException e) {
                LOG.error("reading the policies file failed; the policies in force stay: {}", e.toString());
              }
            }, system.executionContext());
      }

      if (world.limitation() != null) {
        LOG.warn("{}", world.limitation());
      }
      AdminRoutes routes = new AdminRoutes(new io.mlopsagent.agent.http.AdminContext(system, pollers::fleet, learner,
          entities, tagged, metrics, config.http(), admin, world.limitation(), control, switches,
          config.policySource(), journalHealth));
      ServerBinding binding = bind(system, routes, config.http(), tls);
      LOG.info("admin endpoint on {}://{}:{}", tls.isPresent() ? "https" : "http", config.http().iface(),
          binding.localAddress().getPort());
      // Only now started: /ready (Pekko Management) stays false until here.
      AgentReadiness.registerStarted(system, journalHealth);
      return new Daemon(system, binding, metrics);
    } catch (RuntimeException e) {
      system.terminate();
      awaitQuietly(system.getWhenTerminated(), Duration.ofSeconds(20));
      throw e;
    }
  }

  private static ServerBinding bind(ActorSystem<?> system, AdminRoutes routes, AgentConfig.HttpSettings http,
      java.util.Optional<javax.net.ssl.SSLContext> tls) {
    org.apache.pekko.http.javadsl.ServerBuilder server = Http.get(system).newServerAt(http.iface(), http.port());
    if (tls.isPresent()) {
      server = server.enableHttps(org.apache.pekko.http.javadsl.ConnectionContext.httpsServer(tls.get()));
    }
    CompletionStage<ServerBinding> bound = server
        .bind(routes.routes())
        .thenApply(b -> b.addToCoordinatedShutdown(Duration.ofSeconds(5), system));
    try {
      return bound.toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new DaemonStartException("cannot serve the admin endpoint on " + http.iface() + ":" + http.port()
          + ": " + cause.getMessage() + " (is the port in use? choose another with --port)", cause);
    }
  }

  private static String hostName() {
    try {
      String name = java.net.InetAddress.getLocalHost().getHostName();
      return name.matches("[A-Za-z0-9_.-]{1,128}") ? name : "mlops-agent";
    } catch (java.net.UnknownHostException e) {
      return "mlops-agent";
    }
  }

  public int httpPort() {
    return binding.localAddress().getPort();
  }

  public AgentMetrics metrics() {
    return metrics;
  }

  public ActorSystem<Void> system() {
    return system;
  }

  /** Blocks until the daemon has stopped (Ctrl-C, SIGTERM, a deadline, a fatal error). */
  public void awaitStopped() {
    try {
      whenTerminated().toCompletableFuture().get(3650, TimeUnit.DAYS);
    } catch (Exception e) {
      throw new IllegalStateException("the daemon did not stop cleanly: " + e.getMessage(), e);
    }
  }

  /** Completes when the daemon has stopped, by {@link #close()}, a signal or a fatal error. */
  public CompletionStage<Done> whenTerminated() {
    return system.getWhenTerminated();
  }

  /**
   * Stops at once, as a crash would, for simulations of one: the actor system terminates without
   * the coordinated shutdown's phases (the poll in flight is not drained, entities are not handed
   * off, answers on their way are lost) when the daemon was started with
   * {@code pekko.coordinated-shutdown.run-by-actor-system-terminate = off}. What was journaled stays.
   */
  public void crash() {
    system.terminate();
    awaitQuietly(system.getWhenTerminated(), Duration.ofSeconds(60));
  }

  /** Stops gracefully: unbinds, lets in-flight work finish, leaves the cluster, stops actors. */
  @Override
  public void close() {
    CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.unknownReason());
    awaitQuietly(system.getWhenTerminated(), Duration.ofSeconds(60));
  }

  private static void awaitQuietly(CompletionStage<?> stage, Duration timeout) {
    try {
      stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception | Error e) {
      if (!(e instanceof CompletionException)) {
        LOG.warn("shutdown did not finish cleanly: {}", e.toString());
      }
    }
  }
}
