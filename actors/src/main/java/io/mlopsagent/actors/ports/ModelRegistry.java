package io.mlopsagent.actors.ports;

import io.mlopsagent.actors.model.ModelName;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Where versions of a model come from (MLflow in production, a simulated registry otherwise). */
public interface ModelRegistry {

  /** The registered versions of {@code model}, newest first. */
  CompletionStage<List<ModelVersion>> versions(ModelName model);

  /**
   * Tells the registry that {@code version} now serves {@code model} (MLflow: move the champion
   * alias, tag the version). Asking twice with the same action id changes nothing more. A registry
   * that keeps no such record does nothing.
   */
  default CompletionStage<Void> recordPromotion(ActionId action, ModelName model, String version) {
    return CompletableFuture.completedFuture(null);
  }
}
