package io.mlopsagent.agent.http;

import io.mlopsagent.actors.poll.FleetPoller;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The admin API: health, readiness and {@code /metrics} (always open, for probes and Prometheus),
 * what the agent shows ({@link ReadRoutes} and the dashboard at {@code /}: open, or behind the
 * token by config), and what
 * operators change ({@link OperatorRoutes}: behind the token). Every answer is JSON (but {@code
 * /metrics}); every error, including unknown paths and methods, is a JSON {@code {"status",
 * "error"}} body whose message says what was wrong.
 */
public final class AdminRoutes extends AdminDirectives {
  private static final ContentType PROMETHEUS_TEXT =
      ContentTypes.parse("text/plain; version=0.0.4; charset=utf-8");

  private final ReadRoutes reads;
  private final OperatorRoutes operators;
  private final io.mlopsagent.agent.http.dashboard.DashboardRoutes dashboard;
  private final OpenApiDocument openApi = OpenApiDocument.load();

  public AdminRoutes(AdminContext ctx) {
    this(ctx, new AdminAuth(ctx.admin(), System::nanoTime));
  }

  private AdminRoutes(AdminContext ctx, AdminAuth auth) {
    super(ctx, auth);
    this.reads = new ReadRoutes(ctx, auth);
    this.operators = new OperatorRoutes(ctx, auth, reads);
    this.dashboard = new io.mlopsagent.agent.http.dashboard.DashboardRoutes(new AgentDashboardData(ctx, reads.queries));
  }

  public Route routes() {
    return handleExceptions(exceptions(ctx), () -> handleRejections(rejections(), () -> concat(
        path("healthz", () -> get(() -> completeOK(new JsonViews.Health("ok"), JSON))),
        path("readyz", () -> get(this::readiness)),
        path("metrics", () -> get(this::prometheus)),
        path(PathMatchers.segment("api").slash("openapi.json"), () -> get(() -> complete(HttpResponse.create()
            .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, openApi.bytes()))))),
        operators.routes(),
        readable(() -> concat(dashboard.routes(), reads.routes())))));
  }

  private Route readiness() {
    return onComplete(reads.queries.fleetNow(), answer -> {
      var last = ctx.metrics().lastPoll();
      String pollError = last == null || last.succeeded() ? null : last.error();
      String journalError = ctx.journalHealth().problem().orElse(null);
      if (answer.isFailure()) {
        // A poller waiting on a journal that does not answer cannot answer either: say why.
        return complete(StatusCodes.SERVICE_UNAVAILABLE, new JsonViews.Readiness("unavailable",
            journalError == null ? "the fleet's pollers did not answer" : "waiting for the journal",
            0, null, pollError, journalError, ctx.limitation()), JSON);
      }
      FleetPoller.Fleet fleet = answer.get();
      if (fleet.pollsSinceStart() == 0) {
        // A poller stopped by a journal outage starts over once it can recover: say why it waits.
        String reason = journalError == null ? "waiting for the first poll of the fleet"
            : "waiting for the journal: polling resumes once it answers";
        return complete(StatusCodes.SERVICE_UNAVAILABLE, new JsonViews.Readiness("starting", reason,
            fleet.models().size(), fleet.lastPolledAt(), pollError, journalError, ctx.limitation()), JSON);
      }
      // A failing metrics source or journal does not make the agent unready: it goes on when they
      // return, and restarting pods would not help. The reason is shown instead.
      return completeOK(new JsonViews.Readiness("ready", null, fleet.models().size(), fleet.lastPolledAt(),
          pollError, journalError, ctx.limitation()), JSON);
    });
  }

  private Route prometheus() {
    return complete(HttpResponse.create().withEntity(HttpEntities.create(PROMETHEUS_TEXT, ctx.metrics().scrape())));
  }
}
