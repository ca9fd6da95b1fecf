package io.mlopsagent.agent.http.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What the dashboard shows, as the admin API's JSON (see the API contract): the pages render the
 * same documents the API serves, so an operator never sees a figure the API would not give.
 * Implementations answer asynchronously; a stage failing with a {@link java.util.concurrent.TimeoutException}
 * is shown as "the agent did not answer in time".
 */
public interface DashboardData {

  /** {@code GET /api/fleet}. */
  CompletionStage<JsonNode> fleet();

  /** {@code GET /api/models?offset=&limit=}. */
  CompletionStage<JsonNode> models(int offset, int limit);

  /** {@code GET /api/models/{name}}, or empty when the model has never been observed. */
  CompletionStage<Optional<JsonNode>> model(String name);

  /**
   * {@code GET /api/models/{name}/history}. May fail with {@link UnknownModelException} when the
   * model is not known (the page then answers 404 as it does for {@link #model}).
   */
  CompletionStage<JsonNode> history(String name);

  /** {@code GET /api/models/{name}/decisions?limit=}, or the fleet's ({@code GET /api/decisions}) for a null name. */
  CompletionStage<JsonNode> decisions(String nameOrNull, int limit);

  /** The model asked for has never been observed. */
  final class UnknownModelException extends RuntimeException {
    private final String model;

    public UnknownModelException(String model) {
      super("model '" + model + "' is not known: it has never been observed");
      this.model = model;
    }

    public String model() {
      return model;
    }
  }
}
