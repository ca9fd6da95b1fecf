package io.mlopsagent.agent.http.dashboard;

import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;

/**
 * The dashboard alone on 127.0.0.1 and a free port, over any {@link DashboardData}: what the
 * dashboard tests browse. A full daemon serves the same pages; point a {@link WebDriverClient} at
 * its address instead.
 */
final class DashboardServer implements AutoCloseable {
  private final ActorSystem<Void> system;
  private final ServerBinding binding;

  private DashboardServer(ActorSystem<Void> system, ServerBinding binding) {
    this.system = system;
    this.binding = binding;
  }

  static DashboardServer start(DashboardData data, Clock clock) {
    // Only Pekko's own defaults: the agent's application.conf would make this a cluster node.
    var config = ConfigFactory.parseString("pekko.actor.provider = local\npekko.loglevel = WARNING")
        .withFallback(ConfigFactory.defaultReference());
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "dashboard-test", config);
    try {
      DashboardRoutes routes = new DashboardRoutes(data, clock, DashboardRoutes.DEFAULT_REFRESH_SECONDS,
          e -> system.log().error("dashboard page failed", e));
      ServerBinding binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(routes.routes())
          .toCompletableFuture().get(20, TimeUnit.SECONDS);
      return new DashboardServer(system, binding);
    } catch (Exception e) {
      system.terminate();
      throw new IllegalStateException("could not start the dashboard on 127.0.0.1: " + e, e);
    }
  }

  /** {@code http://127.0.0.1:<port>}, no trailing slash. */
  String baseUrl() {
    return "http://127.0.0.1:" + binding.localAddress().getPort();
  }

  @Override
  public void close() {
    try {
      binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Terminating the system below releases the port anyway.
    } finally {
      system.terminate();
      try {
        system.getWhenTerminated().toCompletableFuture().get(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("the dashboard's actor system did not stop within 20 s", e);
      }
    }
  }
}
