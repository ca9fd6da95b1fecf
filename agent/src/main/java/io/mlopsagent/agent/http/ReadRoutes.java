package io.mlopsagent.agent.http;

import io.mlopsagent.actors.agent.Decisions;
import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.agent.PlanView;
import io.mlopsagent.actors.control.OperatorControl;
import io.mlopsagent.actors.learn.Learner;
import io.mlopsagent.actors.learn.LearnerStatus;
import io.mlopsagent.actors.model.ModelName;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;

/**
 * What the admin API shows: the fleet, each model (status, history, decisions, plan, policy,
 * deployments), the fleet's decisions, the audit trail, the learner and the cluster.
 */
final class ReadRoutes extends AdminDirectives {
  private static final String PREFIX = ModelAgent.ENTITY_KEY.name() + "|";
  static final int DEFAULT_HISTORY = 360;
  static final int MAX_HISTORY = 1_000;

  final AdminQueries queries;

  ReadRoutes(AdminContext ctx, AdminAuth auth) {
    super(ctx, auth);
    this.queries = new AdminQueries(ctx);
  }

  Route routes() {
    return pathPrefix("api", () -> concat(
        path("fleet", () -> get(this::fleet)),
        path("decisions", () -> get(() -> decisionPage(null))),
        path("audit", () -> get(this::audit)),
        path("learner", () -> get(this::learnerStatus)),
        path("cluster", () -> get(this::clusterStatus)),
        pathPrefix("models", () -> concat(
            pathEndOrSingleSlash(() -> get(this::listModels)),
            path(PathMatchers.segment(), name -> get(() -> validName(name, this::model))),
            path(PathMatchers.segment().slash("history"), name -> get(() -> validName(name, this::history))),
            path(PathMatchers.segment().slash("decisions"), name -> get(() -> validName(name, this::decisions))),
            path(PathMatchers.segment().slash("plan"), name -> get(() -> validName(name, this::plan))),
            path(PathMatchers.segment().slash("policy"), name -> get(() -> validName(name, this::policy))),
            path(PathMatchers.segment().slash("deployments").slash(PathMatchers.segment()),
                (name, id) -> get(() -> validName(name, m -> deployment(m, id))))))));
  }

  // ---- the fleet -----------------------------------------------------------------------------

  private Route fleet() {
    return onSuccess(queries.fleetView(), v -> completeOK(v, JSON));
  }

  private Route listModels() {
    return parameterOptional("state", state -> parameterOptional("policy", policy ->
        parameterOptional("degraded", degraded -> parameterOptional("inRollout", inRollout -> paged((offset, limit) -> {
          Predicate<JsonViews.ModelItem> filter;
          try {
            filter = filter(state, policy, degraded, inRollout);
          } catch (IllegalArgumentException e) {
            return problem(StatusCodes.BAD_REQUEST, e.getMessage());
          }
          boolean filtered = state.isPresent() || policy.isPresent() || degraded.isPresent() || inRollout.isPresent();
          return onSuccess(queries.page(filtered, filter, offset, limit), p -> completeOK(p, JSON));
        })))));
  }

  private static Predicate<JsonViews.ModelItem> filter(Optional<String> state, Optional<String> policy,
      Optional<String> degraded, Optional<String> inRollout) {
    Predicate<JsonViews.ModelItem> f = m -> true;
    if (state.isPresent()) {
      if (!ModelCondition.STATES.contains(state.get())) {
        throw new IllegalArgumentException("query parameter 'state' = '" + shown(state.get())
            + "' is invalid: expected one of " + ModelCondition.STATES);
      }
      f = f.and(m -> m.state().equals(state.get()));
    }
    if (policy.isPresent()) {
      f = f.and(m -> policy.get().equals(m.policy()));
    }
    if (degraded.isPresent()) {
      boolean want = bool("degraded", degraded.get());
      f = f.and(m -> m.degraded() == want);
    }
    if (inRollout.isPresent()) {
      boolean want = bool("inRollout", inRollout.get());
      f = f.and(m -> m.inRollout() == want);
    }
    return f;
  }

  private static boolean bool(String name, String raw) {
    if (raw.equals("true") || raw.equals("false")) {
      return Boolean.parseBoolean(raw);
    }
    throw new IllegalArgumentException("query parameter '" + name + "' = '" + shown(raw)
        + "' is invalid: expected true or false");
  }

  // ---- one model -----------------------------------------------------------------------------

  private Route model(ModelName name) {
    return known(name, s -> completeOK(JsonViews.ModelStatus.of(s, ctx.switches().current().pauseOf(name),
        ctx.limitation()), JSON));
  }

  /** {@code inner} with the model's status; 404 for a model never observed. */
  Route known(ModelName name, java.util.function.Function<ModelAgent.Status, Route> inner) {
    return onSuccess(queries.status(name), s -> s.known() ? inner.apply(s)
        : problem(StatusCodes.NOT_FOUND, "model '" + name.value() + "' is not known: it has never been observed"));
  }

  private Route history(ModelName name) {
    return parameterOptional("limit", limitParam -> {
      int limit;
      try {
        limit = intParam("limit", limitParam, DEFAULT_HISTORY, 1, MAX_HISTORY);
      } catch (IllegalArgumentException e) {
        return problem(StatusCodes.BAD_REQUEST, e.getMessage());
      }
      return known(name, s -> onSuccess(queries.windows(name, limit),
          windows -> completeOK(OperatorViews.HistoryView.of(name.value(), s.state(), windows), JSON)));
    });
  }

  private Route decisions(ModelName model) {
    return decisionPage(model.value());
  }

  private Route decisionPage(String modelName) {
    return parameterOptional("type", type -> paged((offset, limit) -> {
      if (type.isPresent() && !DecisionJournal.TYPES.contains(type.get())) {
        return problem(StatusCodes.BAD_REQUEST, "query parameter 'type' = '" + shown(type.get())
            + "' is invalid: expected one of " + new java.util.TreeSet<>(DecisionJournal.TYPES));
      }
      ModelName model = modelName == null ? null : ModelName.of(modelName);
      return onSuccess(queries.decisions.page(model, type.orElse(null), offset, limit), p -> completeOK(p, JSON));
    }));
  }

  /** What the optimizer would plan for the model's rollout now, and why. */
  private Route plan(ModelName name) {
    CompletionStage<StatusReply<PlanView>> reply = AskPattern.ask(ctx.entities().apply(name), ModelAgent.GetPlan::new,
        ctx.http().askTimeout(), ctx.system().scheduler());
    return onSuccess(reply, r -> r.isSuccess() ? completeOK(r.getValue(), JSON)
        : problem(r.getError().getMessage().contains("registry did not answer") ? StatusCodes.SERVICE_UNAVAILABLE
            : StatusCodes.NOT_FOUND, r.getError().getMessage()));
  }

  /** The policy in force for the model: as the policies now resolve for it. */
  private Route policy(ModelName name) {
    return known(name, s -> completeOK(ctx.policies().current().resolve(name,
        s.state().workload() == null ? java.util.Map.of() : s.state().workload().labels()), JSON));
  }

  private Route deployment(ModelName name, String id) {
    if (!id.matches("[A-Za-z0-9._-]{1,140}")) {
      return problem(StatusCodes.BAD_REQUEST, "deployment id '" + shown(id)
          + "' is invalid: expected letters, digits, '.', '_' and '-'");
    }
    return known(name, s -> onSuccess(queries.modelDecisions(name), ds -> {
      Decisions.RolloutStarted started = ds.stream()
          .filter(d -> d instanceof Decisions.RolloutStarted r && r.rollout().id().equals(id))
          .map(d -> (Decisions.RolloutStarted) d).findFirst().orElse(null);
      if (started == null) {
        return problem(StatusCodes.NOT_FOUND, "model '" + name.value() + "' has no deployment '" + id + "'");
      }
      var live = s.state().rollout() != null && s.state().rollout().id().equals(id) ? s.state().rollout() : null;
      return completeOK(DeploymentViews.of(name.value(), started, live, ds), JSON);
    }));
  }

  // ---- the rest ------------------------------------------------------------------------------

  private Route audit() {
    return paged((offset, limit) -> onSuccess(ctx.journal().newestFirst(OperatorControl.TAG), events -> {
      List<OperatorViews.AuditItem> all = events.stream()
          .filter(e -> e.event() instanceof OperatorControl.Event)
          .map(e -> OperatorViews.AuditItem.of(((OperatorControl.Event) e.event()).entry()))
          .sorted(Comparator.comparing(OperatorViews.AuditItem::at).reversed())
          .toList();
      return completeOK(new OperatorViews.AuditPage(all.size(), offset, limit, AdminQueries.slice(all, offset, limit)), JSON);
    }));
  }

  private Route learnerStatus() {
    CompletionStage<LearnerStatus> status = AskPattern.ask(ctx.learner(), Learner.GetStatus::new,
        ctx.http().askTimeout(), ctx.system().scheduler());
    return onSuccess(status, s -> completeOK(s, JSON));
  }

  /** This node's view of the cluster: its members, and the models' entities this node hosts. */
  private Route clusterStatus() {
    CompletionStage<org.apache.pekko.cluster.sharding.ShardRegion.CurrentShardRegionState> shards = AskPattern.ask(
        org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding.get(ctx.system()).shardState(),
        replyTo -> new org.apache.pekko.cluster.sharding.typed.GetShardRegionState(ModelAgent.ENTITY_KEY, replyTo),
        ctx.http().askTimeout(), ctx.system().scheduler());
    return onSuccess(shards, state -> completeOK(ClusterView.of(ctx.system(), state), JSON));
  }


}
