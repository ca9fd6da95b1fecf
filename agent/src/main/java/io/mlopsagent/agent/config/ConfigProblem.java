package io.mlopsagent.agent.config;

/**
 * A configuration value that cannot be used. The message names the key, the value and what is
 * allowed; the CLI prints it and exits 2, like any other bad input.
 */
public final class ConfigProblem extends RuntimeException {
  public ConfigProblem(String message) {
    super(message);
  }

  public ConfigProblem(String message, Throwable cause) {
    super(message, cause);
  }
}
