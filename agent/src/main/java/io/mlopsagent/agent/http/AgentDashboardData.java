package io.mlopsagent.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.agent.http.dashboard.DashboardData;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The dashboard's data: the very documents the admin API serves ({@link AdminQueries}), as JSON
 * trees, so a page never shows a figure the API would not give.
 */
final class AgentDashboardData implements DashboardData {
  private final AdminContext ctx;
  private final AdminQueries queries;

  AgentDashboardData(AdminContext ctx, AdminQueries queries) {
    this.ctx = ctx;
    this.queries = queries;
  }

  @Override
  public CompletionStage<JsonNode> fleet() {
    return queries.fleetView().thenApply(AgentDashboardData::tree);
  }

  @Override
  public CompletionStage<JsonNode> models(int offset, int limit) {
    return queries.page(false, m -> true, offset, limit).thenApply(AgentDashboardData::tree);
  }

  @Override
  public CompletionStage<Optional<JsonNode>> model(String name) {
    ModelName model = ModelName.of(name);
    return queries.status(model).thenApply(s -> s.known()
        ? Optional.of(tree(JsonViews.ModelStatus.of(s, ctx.switches().current().pauseOf(model), ctx.limitation())))
        : Optional.empty());
  }

  @Override
  public CompletionStage<JsonNode> history(String name) {
    ModelName model = ModelName.of(name);
    return queries.status(model).thenCompose(s -> {
      if (!s.known()) {
        throw new UnknownModelException(name);
      }
      return queries.windows(model, ReadRoutes.DEFAULT_HISTORY)
          .thenApply(windows -> tree(OperatorViews.HistoryView.of(name, s.state(), windows)));
    });
  }

  @Override
  public CompletionStage<JsonNode> decisions(String nameOrNull, int limit) {
    return queries.decisions.page(nameOrNull == null ? null : ModelName.of(nameOrNull), null, 0, limit)
        .thenApply(AgentDashboardData::tree);
  }

  private static JsonNode tree(Object view) {
    return AdminDirectives.MAPPER.valueToTree(view);
  }
}
