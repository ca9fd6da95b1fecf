package io.mlopsagent.actors.ports;

import io.mlopsagent.actors.model.ModelName;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Where versions of a model come from (MLflow in production, a simulated registry otherwise). */
public interface ModelRegistry {

  /** The registered versions of {@code model}, newest first. */
  CompletionStage<List<ModelVersion>> versions(ModelName model);
}
