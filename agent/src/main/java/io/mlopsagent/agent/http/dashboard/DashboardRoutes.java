package io.mlopsagent.agent.http.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsagent.actors.model.ModelName;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The operator dashboard: {@code GET /} (the fleet) and {@code GET /models/{name}} (one model), as
 * server-rendered HTML with inline SVG charts. Nothing is loaded from elsewhere (no script, font
 * or stylesheet), so it works offline and under a strict proxy; the pages refresh themselves.
 *
 * <p>Paths it does not serve are rejected, not answered, so these routes can sit in a
 * {@code concat} next to the admin API's.
 */
public final class DashboardRoutes extends AllDirectives {
  public static final int DEFAULT_REFRESH_SECONDS = 10;
  static final int MODELS_SHOWN = 100;
  static final int FLEET_DECISIONS_SHOWN = 20;
  static final int MODEL_DECISIONS_SHOWN = 50;

  private final DashboardData data;
  private final Clock clock;
  private final int refreshSeconds;
  private final Consumer<Throwable> errorLog;

  public DashboardRoutes(DashboardData data) {
    this(data, Clock.systemUTC(), DEFAULT_REFRESH_SECONDS, e -> { });
  }

  /**
   * @param refreshSeconds how often the pages reload themselves, 0 for never
   * @param errorLog told of every failure that becomes a 500 page
   */
  public DashboardRoutes(DashboardData data, Clock clock, int refreshSeconds, Consumer<Throwable> errorLog) {
    if (refreshSeconds < 0) {
      throw new IllegalArgumentException("refreshSeconds = " + refreshSeconds + " is invalid: expected 0 or more");
    }
    this.data = data;
    this.clock = clock;
    this.refreshSeconds = refreshSeconds;
    this.errorLog = errorLog;
  }

  public Route routes() {
    return handleExceptions(exceptions(), () -> concat(
        pathSingleSlash(() -> get(this::fleetPage)),
        path(PathMatchers.segment("models").slash(PathMatchers.segment()), name -> get(() -> modelPage(name)))));
  }

  private Route fleetPage() {
    CompletionStage<String> html = data.fleet()
        .thenCombine(data.models(0, MODELS_SHOWN), Pair<JsonNode, JsonNode>::new)
        .thenCombine(data.decisions(null, FLEET_DECISIONS_SHOWN),
            (fm, decisions) -> FleetPage.render(fm.a(), fm.b(), decisions, clock.instant(), refreshSeconds));
    return onSuccess(html, page -> html(StatusCodes.OK, page));
  }

  private Route modelPage(String name) {
    if (!ModelName.isValid(name)) {
      return html(StatusCodes.BAD_REQUEST, Html.errorPage(400, "Bad Request", ModelName.problem(name), 0));
    }
    // Asked together: the page waits for the slowest, not for the sum.
    CompletionStage<Optional<JsonNode>> status = data.model(name);
    CompletionStage<Pair<Pair<JsonNode, JsonNode>, JsonNode>> rest = data.history(name)
        .thenCombine(data.decisions(name, MODEL_DECISIONS_SHOWN), Pair<JsonNode, JsonNode>::new)
        .thenCombine(data.fleet(), Pair<Pair<JsonNode, JsonNode>, JsonNode>::new);
    return onSuccess(status, found -> found.isEmpty() ? notFound(name)
        : onSuccess(rest, r -> html(StatusCodes.OK, ModelPage.render(found.get(), r.a().a(), r.a().b(), r.b(),
            clock.instant(), refreshSeconds))));
  }

  private Route notFound(String name) {
    return html(StatusCodes.NOT_FOUND,
        Html.errorPage(404, "Not Found", "model '" + name + "' is not known: it has never been observed", 0));
  }

  private Route html(StatusCode status, String page) {
    return complete(HttpResponse.create().withStatus(status)
        .withEntity(HttpEntities.create(ContentTypes.TEXT_HTML_UTF8, page)));
  }

  private ExceptionHandler exceptions() {
    return ExceptionHandler.newBuilder()
        .matchAny(e -> {
          Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
          if (cause instanceof DashboardData.UnknownModelException unknown) {
            return notFound(unknown.model());
          }
          if (cause instanceof TimeoutException) {
            // Refreshes on its own: a busy agent usually answers the next time.
            return html(StatusCodes.SERVICE_UNAVAILABLE, Html.errorPage(503, "Service Unavailable",
                "the agent did not answer in time" + (refreshSeconds > 0
                    ? "; this page tries again in " + refreshSeconds + " s" : "; reload to try again"),
                refreshSeconds));
          }
          errorLog.accept(cause);
          return html(StatusCodes.INTERNAL_SERVER_ERROR, Html.errorPage(500, "Internal Server Error",
              "the page could not be built: " + cause.getClass().getSimpleName(), 0));
        })
        .build();
  }

  private record Pair<A, B>(A a, B b) {}
}
