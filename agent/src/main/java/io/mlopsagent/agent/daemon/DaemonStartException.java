package io.mlopsagent.agent.daemon;

/** The daemon could not start for a reason an operator can fix (a port in use, say). */
public final class DaemonStartException extends RuntimeException {
  public DaemonStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
