package io.mlopsagent.agent.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mlopsagent.actors.model.ModelName;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.marshalling.Marshaller;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.RequestEntity;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * What every part of the admin API shares: JSON in and out, errors as {@code {"status", "error"}}
 * bodies, checked paging and names, and who may call what ({@link AdminAuth}).
 */
abstract class AdminDirectives extends AllDirectives {
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .build();
  static final Marshaller<Object, RequestEntity> JSON = Jackson.marshaller(MAPPER);

  final AdminContext ctx;
  final AdminAuth auth;

  AdminDirectives(AdminContext ctx, AdminAuth auth) {
    this.ctx = ctx;
    this.auth = auth;
  }

  /** {@code inner} for a read, when reads are open or the caller holds the token. */
  Route readable(java.util.function.Supplier<Route> inner) {
    return optionalHeaderValueByName("Authorization", authorization ->
        optionalHeaderValueByName("X-Mlops-Actor", actor -> {
          AdminAuth.Verdict v = auth.read(authorization, actor);
          return v.allowed() ? inner.get() : refused(v);
        }));
  }

  /** {@code inner}, given who acts, for a mutation by a caller holding the token, within the rate limit. */
  Route mutation(Function<String, Route> inner) {
    return optionalHeaderValueByName("Authorization", authorization ->
        optionalHeaderValueByName("X-Mlops-Actor", actor -> {
          AdminAuth.Verdict v = auth.mutation(authorization, actor);
          return v.allowed() ? inner.apply(v.who()) : refused(v);
        }));
  }

  private Route refused(AdminAuth.Verdict v) {
    List<HttpHeader> headers = v.status() == 401 ? List.of(RawHeader.create("WWW-Authenticate", "Bearer"))
        : v.status() == 429 ? List.of(RawHeader.create("Retry-After", String.valueOf(v.retryAfterSeconds())))
        : List.of();
    return respondWithHeaders(headers, () -> problem(StatusCodes.get(v.status()), v.message()));
  }

  /** {@code inner} with a checked model name; a 400 naming the rule otherwise. */
  Route validName(String name, Function<ModelName, Route> inner) {
    return ModelName.isValid(name) ? inner.apply(ModelName.of(name)) : problem(StatusCodes.BAD_REQUEST,
        ModelName.problem(name));
  }

  /** The {@code offset} and {@code limit} query parameters, checked, for {@code inner}. */
  Route paged(java.util.function.BiFunction<Integer, Integer, Route> inner) {
    return parameterOptional("offset", offsetParam -> parameterOptional("limit", limitParam -> {
      int offset;
      int limit;
      try {
        offset = intParam("offset", offsetParam, 0, 0, Integer.MAX_VALUE);
        limit = intParam("limit", limitParam, Math.min(100, ctx.http().maxPageSize()), 1, ctx.http().maxPageSize());
      } catch (IllegalArgumentException e) {
        return problem(StatusCodes.BAD_REQUEST, e.getMessage());
      }
      return inner.apply(offset, limit);
    }));
  }

  static int intParam(String name, Optional<String> raw, int fallback, int min, int max) {
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
    throw new IllegalArgumentException("query parameter '" + name + "' = '" + shown(raw.get())
        + "' is invalid: expected an integer from " + min + " to " + max);
  }

  /** A value as an error message may show it: bounded, so a huge input does not come back whole. */
  static String shown(String value) {
    return value.length() > 40 ? value.substring(0, 40) + "..." : value;
  }

  Route problem(StatusCode status, String message) {
    return complete(status, new JsonViews.Problem(status.intValue(), message), JSON);
  }

  static ExceptionHandler exceptions(AdminContext ctx) {
    return ExceptionHandler.newBuilder()
        .matchAny(e -> {
          Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
          AllDirectives d = new AllDirectives() { };
          if (cause instanceof TimeoutException) {
            return d.complete(StatusCodes.SERVICE_UNAVAILABLE, new JsonViews.Problem(503,
                "the agent did not answer within " + ctx.http().askTimeout().toMillis() + " ms; try again"), JSON);
          }
          if (cause instanceof io.mlopsagent.persistence.DatabaseUnavailableException) {
            return d.complete(StatusCodes.SERVICE_UNAVAILABLE, new JsonViews.Problem(503,
                "the journal cannot be read now: " + cause.getMessage()), JSON);
          }
          ctx.system().log().error("admin request failed", cause);
          return d.complete(StatusCodes.INTERNAL_SERVER_ERROR,
              new JsonViews.Problem(500, "internal error: " + cause.getClass().getSimpleName()), JSON);
        })
        .build();
  }

  /** Pekko's default rejection answers (404, 405, ...), with their text moved into a JSON body. */
  static RejectionHandler rejections() {
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

  static byte[] toJson(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
