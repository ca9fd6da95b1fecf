package io.mlopsagent.agent.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.poll.FleetPoller;
import io.mlopsagent.agent.config.AgentConfig.HttpSettings;
import io.mlopsagent.agent.metrics.AgentMetrics;
import io.mlopsagent.persistence.TaggedEvents;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.marshalling.Marshaller;
import org.apache.pekko.http.javadsl.model.RequestEntity;

/**
 * The admin API: health, readiness, the fleet and each model's status, and {@code /metrics}.
 * Every answer is JSON (but {@code /metrics}); every error, including unknown paths and methods,
 * is a JSON {@code {"status", "error"}} body whose message says what was wrong.
 */
public final class AdminRoutes extends AllDirectives {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .build();
  private static final Marshaller<Object, RequestEntity> JSON = Jackson.marshaller(MAPPER);
  private static final ContentType PROMETHEUS_TEXT =
      ContentTypes.parse("text/plain; version=0.0.4; charset=utf-8");

  private final ActorSystem<?> system;
  private final java.util.function.Supplier<CompletionStage<FleetPoller.Fleet>> fleet;
  private final ActorRef<io.mlopsagent.actors.learn.Learner.Command> learner;
  private final Function<ModelName, RecipientRef<ModelAgent.Command>> entities;
  private final DecisionJournal decisions;
  private final AgentMetrics metrics;
  private final HttpSettings settings;
  private final String limitation;

  public AdminRoutes(
      ActorSystem<?> system,
      java.util.function.Supplier<CompletionStage<FleetPoller.Fleet>> fleet,
      ActorRef<io.mlopsagent.actors.learn.Learner.Command> learner,
      Function<ModelName, RecipientRef<ModelAgent.Command>> entities,
      TaggedEvents journal,
      AgentMetrics metrics,
      HttpSettings settings,
      String limitation) {
    this.limitation = limitation;
    this.system = system;
    this.fleet = fleet;
    this.learner = learner;
    this.entities = entities;
    this.decisions = new DecisionJournal(journal);
    this.metrics = metrics;
    this.settings = settings;
  }

  public Route routes() {
    return handleExceptions(exceptions(), () -> handleRejections(rejections(), () -> concat(
        path("healthz", () -> get(() -> completeOK(new JsonViews.Health("ok"), JSON))),
        path("readyz", () -> get(this::readiness)),
        path("metrics", () -> get(this::prometheus)),
        pathPrefix("api", () -> concat(
            path("decisions", () -> get(() -> decisions(null))),
            path("learner", () -> get(this::learnerStatus)),
            path("cluster", () -> get(this::clusterStatus)),
            pathPrefix("models", () -> concat(
                pathEndOrSingleSlash(() -> get(() -> paged(this::listModels))),
                path(PathMatchers.segment(), name -> get(() -> model(name))),
                path(PathMatchers.segment().slash("decisions"), name -> get(() -> decisions(name))),
                path(PathMatchers.segment().slash("plan"), name -> get(() -> plan(name))),
                path(PathMatchers.segment().slash("rollout").slash(PathMatchers.segment()),
                    (name, answer) -> post(() -> resume(name, answer))))))))));
  }

  private Route readiness() {
    return onSuccess(fleet(), fleet -> {
      var last = metrics.lastPoll();
      String pollError = last == null || last.succeeded() ? null : last.error();
      if (fleet.pollsSinceStart() == 0) {
        return complete(StatusCodes.SERVICE_UNAVAILABLE, new JsonViews.Readiness("starting",
            "waiting for the first poll of the fleet", fleet.models().size(), fleet.lastPolledAt(), pollError,
            limitation), JSON);
      }
      // A failing metrics source does not make the agent unready: it observes again when the
      // source returns, and restarting pods would not help. The reason is shown instead.
      return completeOK(new JsonViews.Readiness("ready", null, fleet.models().size(), fleet.lastPolledAt(),
          pollError, limitation), JSON);
    });
  }

  private Route prometheus() {
    HttpEntity.Strict entity = HttpEntities.create(PROMETHEUS_TEXT, metrics.scrape());
    return complete(HttpResponse.create().withEntity(entity));
  }

  /** The {@code offset} and {@code limit} query parameters, checked, for {@code inner}. */
  private Route paged(java.util.function.BiFunction<Integer, Integer, Route> inner) {
    return parameterOptional("offset", offsetParam -> parameterOptional("limit", limitParam -> {
      int offset;
      int limit;
      try {
        offset = intParam("offset", offsetParam, 0, 0, Integer.MAX_VALUE);
        limit = intParam("limit", limitParam, Math.min(100, settings.maxPageSize()), 1, settings.maxPageSize());
      } catch (IllegalArgumentException e) {
        return problem(StatusCodes.BAD_REQUEST, e.getMessage());
      }
      return inner.apply(offset, limit);
    }));
  }

  private Route listModels(int offset, int limit) {
    // thenComposeAsync on the dispatcher: a plain thenCompose on an ask's stage starts a thread
    // per request on a 1-2 CPU machine (see FleetPoller).
    CompletionStage<JsonViews.ModelPage> page = fleet().thenComposeAsync(fleet -> {
      List<ModelName> all = fleet.models();
      List<ModelName> slice = all.subList(Math.min(offset, all.size()), (int) Math.min(all.size(), (long) offset + limit));
      List<CompletableFuture<ModelAgent.Status>> asks =
          slice.stream().map(m -> status(m).toCompletableFuture()).toList();
      return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
          .thenApply(done -> new JsonViews.ModelPage(all.size(), offset, limit,
              asks.stream().map(f -> JsonViews.ModelItem.of(f.join())).toList()));
    }, system.executionContext());
    return onSuccess(page, p -> completeOK(p, JSON));
  }

  private Route model(String name) {
    if (!ModelName.isValid(name)) {
      return problem(StatusCodes.BAD_REQUEST, ModelName.problem(name));
    }
    return onSuccess(status(ModelName.of(name)), status -> status.known()
        ? completeOK(JsonViews.ModelStatus.of(status, limitation), JSON)
        : problem(StatusCodes.NOT_FOUND, "model '" + name + "' is not known: it has never been observed"));
  }

  /** The learner: its model, training set, held-out figures, feature importances, recent trainings. */
  private Route learnerStatus() {
    CompletionStage<io.mlopsagent.actors.learn.LearnerStatus> status = AskPattern.ask(learner,
        io.mlopsagent.actors.learn.Learner.GetStatus::new, settings.askTimeout(), system.scheduler());
    return onSuccess(status, s -> completeOK(s, JSON));
  }

  /** This node's view of the cluster: its members, and the models' entities this node hosts. */
  private Route clusterStatus() {
    CompletionStage<org.apache.pekko.cluster.sharding.ShardRegion.CurrentShardRegionState> shards = AskPattern.ask(
        org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding.get(system).shardState(),
        replyTo -> new org.apache.pekko.cluster.sharding.typed.GetShardRegionState(ModelAgent.ENTITY_KEY, replyTo),
        settings.askTimeout(), system.scheduler());
    return onSuccess(shards, state -> completeOK(ClusterView.of(system, state), JSON));
  }

  /** What the optimizer would plan for the model's rollout now, and why. */
  private Route plan(String name) {
    if (!ModelName.isValid(name)) {
      return problem(StatusCodes.BAD_REQUEST, ModelName.problem(name));
    }
    CompletionStage<org.apache.pekko.pattern.StatusReply<io.mlopsagent.actors.agent.PlanView>> reply =
        AskPattern.ask(entities.apply(ModelName.of(name)), ModelAgent.GetPlan::new, settings.askTimeout(),
            system.scheduler());
    return onSuccess(reply, r -> r.isSuccess() ? completeOK(r.getValue(), JSON)
        : problem(r.getError().getMessage().contains("registry did not answer") ? StatusCodes.SERVICE_UNAVAILABLE
            : StatusCodes.NOT_FOUND, r.getError().getMessage()));
  }

  private Route decisions(String modelName) {
    if (modelName != null && !ModelName.isValid(modelName)) {
      return problem(StatusCodes.BAD_REQUEST, ModelName.problem(modelName));
    }
    return parameterOptional("type", type -> paged((offset, limit) -> {
          if (type.isPresent() && !DecisionJournal.TYPES.contains(type.get())) {
            String shown = type.get().length() > 40 ? type.get().substring(0, 40) + "..." : type.get();
            return problem(StatusCodes.BAD_REQUEST, "query parameter 'type' = '" + shown + "' is invalid: expected one of "
                + new java.util.TreeSet<>(DecisionJournal.TYPES));
          }
          ModelName model = modelName == null ? null : ModelName.of(modelName);
          return onSuccess(decisions.page(model, type.orElse(null), offset, limit), p -> completeOK(p, JSON));
        }));
  }

  /**
   * An operator's answer to a rollout paused on an inconclusive analysis: {@code promote} passes
   * the paused step, {@code abort} sends all traffic back to the stable version.
   */
  private Route resume(String name, String answer) {
    if (!ModelName.isValid(name)) {
      return problem(StatusCodes.BAD_REQUEST, ModelName.problem(name));
    }
    io.mlopsagent.actors.rollout.Decision decision;
    switch (answer) {
      case "promote" -> decision = io.mlopsagent.actors.rollout.Decision.PROMOTE;
      case "abort" -> decision = io.mlopsagent.actors.rollout.Decision.ABORT;
      default -> {
        return problem(StatusCodes.NOT_FOUND, "'" + (answer.length() > 40 ? answer.substring(0, 40) + "..." : answer)
            + "' is not an answer to a rollout: expected promote or abort");
      }
    }
    CompletionStage<org.apache.pekko.pattern.StatusReply<String>> reply = AskPattern.ask(entities.apply(ModelName.of(name)),
        replyTo -> new ModelAgent.Resume(decision, replyTo), settings.askTimeout(), system.scheduler());
    return onSuccess(reply, r -> r.isSuccess()
        ? completeOK(new JsonViews.Health(r.getValue()), JSON)
        : problem(StatusCodes.CONFLICT, r.getError().getMessage()));
  }

  private CompletionStage<FleetPoller.Fleet> fleet() {
    return fleet.get();
  }

  private CompletionStage<ModelAgent.Status> status(ModelName model) {
    return AskPattern.ask(entities.apply(model), ModelAgent.GetStatus::new, settings.askTimeout(), system.scheduler());
  }

  private static int intParam(String name, Optional<String> raw, int fallback, int min, int max) {
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(raw.get().trim());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    String shown = raw.get().length() > 40 ? raw.get().substring(0, 40) + "..." : raw.get();
    throw new IllegalArgumentException("query parameter '" + name + "' = '" + shown
        + "' is invalid: expected an integer from " + min + " to " + max);
  }

  private Route problem(StatusCode status, String message) {
    return complete(status, new JsonViews.Problem(status.intValue(), message), JSON);
  }

  private ExceptionHandler exceptions() {
    return ExceptionHandler.newBuilder()
        .matchAny(e -> {
          Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
          if (cause instanceof TimeoutException) {
            return problem(StatusCodes.SERVICE_UNAVAILABLE,
                "the agent did not answer within " + settings.askTimeout().toMillis() + " ms; try again");
          }
          system.log().error("admin request failed", cause);
          return problem(StatusCodes.INTERNAL_SERVER_ERROR, "internal error: " + cause.getClass().getSimpleName());
        })
        .build();
  }

  /** Pekko's default rejection answers (404, 405, ...), with their text moved into a JSON body. */
  private static RejectionHandler rejections() {
    return RejectionHandler.defaultHandler().mapRejectionResponse(response -> {
      if (response.entity() instanceof HttpEntity.Strict strict
          && !strict.getContentType().equals(ContentTypes.APPLICATION_JSON)) {
        String text = strict.getData().utf8String();
        byte[] json = toJson(new JsonViews.Problem(response.status().intValue(), text));
        return response.withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, json));
      }
      return response;
    });
  }

  private static byte[] toJson(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
