package io.mlopsagent.agent.kubernetes;

/** No Deployment serves the model in the namespaces the agent watches. */
public final class MissingWorkloadException extends RuntimeException {
  public MissingWorkloadException(String message) {
    super(message);
  }
}
