package io.mlopsagent.agent.cli.admin;

/**
 * A call to the admin API that did not succeed, with the exit code it maps to. The message is
 * printed as it is, so it never holds the token (the client redacts it before building one).
 */
public final class AdminFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public AdminFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
