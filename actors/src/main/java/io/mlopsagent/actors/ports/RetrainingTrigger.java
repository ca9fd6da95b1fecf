package io.mlopsagent.actors.ports;

import io.mlopsagent.actors.model.ModelName;
import java.util.concurrent.CompletionStage;

/** Asks the training system (a webhook, Kubeflow Pipelines) to retrain a model. */
public interface RetrainingTrigger {

  /**
   * Requests retraining of {@code model} for {@code reason}; answers the training system's run id.
   * Asking twice with the same action id starts one run.
   */
  CompletionStage<String> requestRetraining(ActionId action, ModelName model, String reason);
}
