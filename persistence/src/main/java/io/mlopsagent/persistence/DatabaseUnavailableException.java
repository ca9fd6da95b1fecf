package io.mlopsagent.persistence;

/**
 * The journal database cannot be used: unreachable, refusing our credentials, or its schema cannot
 * be brought up to date. The message names the database (never its password) and the cause in one
 * line, because an operator reads it on a terminal or in a pod's last log line.
 */
public final class DatabaseUnavailableException extends RuntimeException {
  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
