package io.mlopsagent.agent.retraining;

/** The training system did not accept a retraining request; the message names the URL and why. */
public final class RetrainingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RetrainingException(String message) {
    super(message);
  }
}
