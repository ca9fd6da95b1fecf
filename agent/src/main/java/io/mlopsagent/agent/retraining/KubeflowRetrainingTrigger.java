package io.mlopsagent.agent.retraining;

import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.actors.ports.RetrainingTrigger;
import io.mlopsagent.agent.http.client.JsonHttpClient;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/**
 * Starts a run of a training pipeline in Kubeflow Pipelines (API v2beta1, {@code POST /apis/v2beta1/runs})
 * with the pipeline's parameters {@code model} and {@code reason} plus the configured ones. KFP
 * rejects parameters its pipeline does not declare, so the action id goes in the description,
 * not in the parameters.
 */
public final class KubeflowRetrainingTrigger implements RetrainingTrigger {
  private final URI runsUrl;
  private final String pipelineId;
  private final String pipelineVersionId;
  private final Map<String, String> parameters;
  private final JsonHttpClient http;
  private final RetryingJsonPost post;
  private final RunsByAction runs = new RunsByAction();

  /**
   * @param baseUrl the KFP API server, such as {@code http://ml-pipeline.kubeflow:8888}
   * @param parameters fixed pipeline parameters; {@code model} and {@code reason} are set by the agent
   */
  public KubeflowRetrainingTrigger(URI baseUrl, String pipelineId, String pipelineVersionId,
      Map<String, String> parameters, JsonHttpClient http, RetryBackoff backoff) {
    String base = baseUrl.toString();
    this.runsUrl = URI.create((base.endsWith("/") ? base : base + "/") + "apis/v2beta1/runs");
    this.pipelineId = pipelineId;
    this.pipelineVersionId = pipelineVersionId;
    this.parameters = Map.copyOf(parameters);
    this.http = http;
    this.post = new RetryingJsonPost(http, backoff);
  }

  @Override
  public CompletionStage<String> requestRetraining(ActionId action, ModelName model, String reason) {
    return runs.once(action, () -> post.post(runsUrl, http.bytes(body(action, model, reason)), Map.of())
        .thenApply(response -> {
          String runId = response.body().path("run_id").asText("");
          if (runId.isBlank()) {
            throw new RetrainingException("POST " + runsUrl + " answered HTTP " + response.status()
                + " without a run_id");
          }
          return runId;
        }));
  }

  private Map<String, Object> body(ActionId action, ModelName model, String reason) {
    Map<String, Object> runtimeParameters = new LinkedHashMap<>(new TreeMap<>(parameters));
    runtimeParameters.put("model", model.value());
    runtimeParameters.put("reason", reason);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("display_name", "retrain " + model.value());
    body.put("description", "requested by mlops-agent, action " + action.value() + ": " + reason);
    body.put("pipeline_version_reference", Map.of("pipeline_id", pipelineId, "pipeline_version_id", pipelineVersionId));
    body.put("runtime_config", Map.of("parameters", runtimeParameters));
    return body;
  }
}
