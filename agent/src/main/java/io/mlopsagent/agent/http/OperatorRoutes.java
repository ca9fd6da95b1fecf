package io.mlopsagent.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsagent.actors.agent.DeploymentRequest;
import io.mlopsagent.actors.agent.ModelAgent;
import io.mlopsagent.actors.control.AuditEntry;
import io.mlopsagent.actors.control.OperatorControl;
import io.mlopsagent.actors.control.OperatorSwitches;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.policy.PolicyBook;
import io.mlopsagent.actors.policy.PolicyProblem;
import io.mlopsagent.actors.rollout.Decision;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;

/**
 * What operators and pipelines change through the admin API: pause and resume a model or the
 * fleet, answer a rollout, roll back, request a deployment, reload the policies. Every call needs
 * the admin token, is rate-limited, and is journaled in the audit trail (who, when, what, why, how
 * it ended) before it is answered.
 */
final class OperatorRoutes extends AdminDirectives {
  /** Longest "why" an audit entry keeps. */
  static final int MAX_REASON = 500;

  /**
   * Bodies up to this size are read to their end even when over the limit, then refused: an
   * answer sent while the client is still sending makes the server close the connection with
   * unread bytes, and the client's TCP stack may then drop the 413 and report a reset instead.
   */
  private static final long READ_TO_REFUSE_BYTES = 1 << 20;

  private final ReadRoutes reads;

  OperatorRoutes(AdminContext ctx, AdminAuth auth, ReadRoutes reads) {
    super(ctx, auth);
    this.reads = reads;
  }

  Route routes() {
    return pathPrefix("api", () -> concat(
        path(PathMatchers.segment("fleet").slash(PathMatchers.segment()), verb -> post(() -> fleet(verb))),
        path(PathMatchers.segment("policies").slash("reload"), () -> post(this::reloadPolicies)),
        pathPrefix("models", () -> concat(
            path(PathMatchers.segment().slash("deployments"), name -> post(() -> deploy(name))),
            path(PathMatchers.segment().slash("rollout").slash(PathMatchers.segment()),
                (name, answer) -> post(() -> modelAction(name, answer))),
            path(PathMatchers.segment().slash(PathMatchers.segment()),
                (name, verb) -> post(() -> modelAction(name, verb)))))));
  }

  // ---- a model -------------------------------------------------------------------------------

  private Route modelAction(String name, String verb) {
    if (!List.of("pause", "resume", "promote", "abort", "rollback").contains(verb)) {
      return problem(StatusCodes.NOT_FOUND, "'" + shown(verb) + "' is not an action on a model: expected pause, resume,"
          + " promote, abort or rollback");
    }
    return mutation(who -> validName(name, model -> body(body -> {
      String reason = reason(body);
      return reads.known(model, status -> switch (verb) {
        case "pause", "resume" -> pause(model, verb.equals("pause"), who, reason);
        case "rollback" -> rollBack(model, status.state().workload() == null ? null
            : status.state().workload().stableVersion(), who, reason);
        default -> answerRollout(model, verb.equals("promote") ? Decision.PROMOTE : Decision.ABORT, who, reason);
      });
    })));
  }

  private Route pause(ModelName model, boolean pause, String who, String reason) {
    AuditEntry entry = entry(who, pause ? "pause" : "resume", model.value(), reason, "ok");
    CompletionStage<OperatorSwitches> after = AskPattern.ask(ctx.control(), replyTo -> pause
            ? new OperatorControl.Pause(model.value(), entry, replyTo)
            : new OperatorControl.Resume(model.value(), entry, replyTo),
        ctx.http().askTimeout(), ctx.system().scheduler());
    return onSuccess(after, switches -> {
      ctx.switches().set(switches);
      return completeOK(new OperatorViews.PauseView(model.value(), switches.pauseOf(model) != null, who, reason,
          entry.at()), JSON);
    });
  }

  private Route answerRollout(ModelName model, Decision decision, String who, String reason) {
    String action = decision == Decision.PROMOTE ? "promote" : "abort";
    CompletionStage<StatusReply<String>> reply = AskPattern.ask(ctx.entities().apply(model),
        replyTo -> new ModelAgent.Resume(decision, replyTo), ctx.http().askTimeout(), ctx.system().scheduler());
    return onSuccess(reply, r -> audited(entry(who, action, model.value(), reason, outcome(r)), () -> r.isSuccess()
        ? completeOK(new OperatorViews.RolloutAnswer(model.value(), r.getValue()), JSON)
        : problem(StatusCodes.CONFLICT, r.getError().getMessage())));
  }

  private Route rollBack(ModelName model, String serving, String who, String reason) {
    CompletionStage<StatusReply<String>> reply = AskPattern.ask(ctx.entities().apply(model),
        replyTo -> new ModelAgent.RollBack(who, reason, replyTo), ctx.http().askTimeout(), ctx.system().scheduler());
    return onSuccess(reply, r -> audited(entry(who, "rollback", model.value(), reason, outcome(r)), () -> r.isSuccess()
        ? completeOK(new OperatorViews.RollbackView(model.value(), serving, r.getValue()), JSON)
        : problem(StatusCodes.CONFLICT, r.getError().getMessage())));
  }

  // ---- deployments from CI/CD ----------------------------------------------------------------

  private Route deploy(String name) {
    return mutation(who -> validName(name, model -> body(body -> {
      DeploymentRequest request;
      try {
        request = DeploymentBody.parse(body, who, ctx.admin().environments(), Instant.now());
      } catch (IllegalArgumentException e) {
        return problem(StatusCodes.UNPROCESSABLE_ENTITY, e.getMessage());
      }
      String target = model.value() + "@" + request.version() + "/" + request.environment();
      return reads.known(model, status -> onSuccess(AskPattern.ask(ctx.entities().apply(model),
          (org.apache.pekko.actor.typed.ActorRef<ModelAgent.DeployAnswer> replyTo) ->
              new ModelAgent.Deploy(request, replyTo), ctx.http().askTimeout(), ctx.system().scheduler()),
          answer -> audited(entry(who, "deploy", target, request.reason(),
              answer.refusal() == null ? "ok: " + answer.started().rollout().id() : "refused: " + answer.message()),
              () -> deployed(model, answer))));
    })));
  }

  private Route deployed(ModelName model, ModelAgent.DeployAnswer answer) {
    if (answer.refusal() != null) {
      return problem(switch (answer.refusal()) {
        case "invalid" -> StatusCodes.UNPROCESSABLE_ENTITY;
        case "unavailable" -> StatusCodes.SERVICE_UNAVAILABLE;
        default -> StatusCodes.CONFLICT;
      }, answer.message());
    }
    String id = answer.started().rollout().id();
    return respondWithHeader(Location.create("/api/models/" + model.value() + "/deployments/" + id),
        () -> complete(StatusCodes.ACCEPTED, DeploymentViews.of(model.value(), answer.started(),
            answer.started().rollout(), List.of()), JSON));
  }

  // ---- the fleet and the policies ------------------------------------------------------------

  private Route fleet(String verb) {
    if (!verb.equals("pause") && !verb.equals("resume")) {
      return problem(StatusCodes.NOT_FOUND, "'" + shown(verb) + "' is not an action on the fleet: expected pause or resume");
    }
    boolean pause = verb.equals("pause");
    return mutation(who -> body(body -> {
      String reason = reason(body);
      AuditEntry entry = entry(who, pause ? "fleet_pause" : "fleet_resume", "fleet", reason, "ok");
      CompletionStage<OperatorSwitches> after = AskPattern.ask(ctx.control(), replyTo -> pause
              ? new OperatorControl.Pause(null, entry, replyTo) : new OperatorControl.Resume(null, entry, replyTo),
          ctx.http().askTimeout(), ctx.system().scheduler());
      return onSuccess(after, switches -> {
        ctx.switches().set(switches);
        return completeOK(new OperatorViews.PauseView(null, switches.fleetPaused(), who, reason, entry.at()), JSON);
      });
    }));
  }

  private Route reloadPolicies() {
    return mutation(who -> body(body -> {
      String reason = reason(body);
      PolicyBook book;
      try {
        book = ctx.policies().reloadNow();
      } catch (PolicyProblem e) {
        return audited(entry(who, "policies_reload", "policies", reason, "refused: " + e.problems().size()
            + " problem(s)"), () -> complete(StatusCodes.UNPROCESSABLE_ENTITY, new OperatorViews.ProblemWithDetails(422,
            e.getMessage(), e.problems().stream().map(OperatorViews.PolicyProblemView::of).toList()), JSON));
      } catch (IllegalStateException e) {
        return problem(StatusCodes.CONFLICT, e.getMessage());
      }
      int policies = 1 + book.overrides().size();
      return audited(entry(who, "policies_reload", "policies", reason, "ok: " + policies + " policies"),
          () -> completeOK(new OperatorViews.ReloadView(policies, Instant.now()), JSON));
    }));
  }

  // ---- shared --------------------------------------------------------------------------------

  /**
   * The request body as JSON (an empty body is an empty object), read whole up to the size limit;
   * a larger one is answered 413 here rather than rejected, so no other route gets to try it.
   */
  private Route body(Function<JsonNode, Route> inner) {
    long limit = ctx.admin().maxBodyBytes();
    return extractMaterializer(mat -> extractRequestEntity(entity -> {
      CompletionStage<org.apache.pekko.http.javadsl.model.HttpEntity.Strict> strict =
          entity.withSizeLimit(Math.max(limit, READ_TO_REFUSE_BYTES)).toStrict(ctx.http().askTimeout().toMillis(), mat);
      return onComplete(strict, result -> {
        if (result.isFailure()) {
          Throwable e = result.failed().get();
          return e instanceof org.apache.pekko.http.scaladsl.model.EntityStreamSizeException
              || e.getCause() instanceof org.apache.pekko.http.scaladsl.model.EntityStreamSizeException
              ? tooLarge(limit)
              : problem(StatusCodes.BAD_REQUEST, "the request body could not be read: " + e.getMessage());
        }
        if (result.get().getData().size() > limit) {
          return tooLarge(limit);
        }
        return parsed(result.get().getData().utf8String(), inner);
      });
    }));
  }

  private Route tooLarge(long limit) {
    return problem(StatusCodes.PAYLOAD_TOO_LARGE, "the request body is larger than " + limit + " bytes");
  }

  private Route parsed(String text, Function<JsonNode, Route> inner) {
    JsonNode node;
    try {
      node = text.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return problem(StatusCodes.BAD_REQUEST, "the request body is not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      return problem(StatusCodes.BAD_REQUEST, "the request body must be a JSON object");
    }
    try {
      return inner.apply(node);
    } catch (IllegalArgumentException e) {
      return problem(StatusCodes.BAD_REQUEST, e.getMessage());
    }
  }

  /** The optional {@code reason} of a body: why, for the audit trail. */
  static String reason(JsonNode body) {
    JsonNode r = body.get("reason");
    if (r == null || r.isNull()) {
      return "";
    }
    if (!r.isTextual() || r.asText().length() > MAX_REASON) {
      throw new IllegalArgumentException("field 'reason' must be text of at most " + MAX_REASON + " characters");
    }
    return r.asText().replaceAll("\\p{Cntrl}", " ").strip();
  }

  /** {@code inner} once {@code entry} is in the audit trail. */
  private Route audited(AuditEntry entry, java.util.function.Supplier<Route> inner) {
    CompletionStage<Done> journaled = AskPattern.ask(ctx.control(), replyTo -> new OperatorControl.Record(entry, replyTo),
        ctx.http().askTimeout(), ctx.system().scheduler());
    return onSuccess(journaled, done -> inner.get());
  }

  private static AuditEntry entry(String who, String action, String target, String reason, String outcome) {
    return new AuditEntry(Instant.now(), who, action, target, reason, outcome);
  }

  private static String outcome(StatusReply<String> r) {
    return r.isSuccess() ? "ok: " + r.getValue() : "refused: " + r.getError().getMessage();
  }
}
