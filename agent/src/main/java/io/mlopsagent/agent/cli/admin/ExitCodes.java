package io.mlopsagent.agent.cli.admin;

/**
 * The exit codes of the commands that talk to the admin API, one per thing a script may want to
 * react to differently: retry later (1), fix the command (2), check the name (3), fix the token
 * (4), or read what the agent refused and why (5).
 */
public final class ExitCodes {
  public static final int OK = 0;
  /** The agent failed (5xx, an answer that is not the API's) or could not be reached. */
  public static final int FAILED = 1;
  /** A bad command line: picocli's own code for usage errors. */
  public static final int USAGE = 2;
  /** 404: no such model (or rollout). */
  public static final int NOT_FOUND = 3;
  /** 401/403: no token, or not the agent's token. */
  public static final int UNAUTHORIZED = 4;
  /** Any other 4xx: the agent understood and said no (409 conflict, 422 invalid, 429 rate limited). */
  public static final int REFUSED = 5;

  /** The --help footer of every admin command; %n is picocli's line break. */
  public static final String FOOTER = "%nExit codes:%n"
      + "  0  done%n"
      + "  1  the agent failed or was unreachable (the message says which URL, why)%n"
      + "  2  bad command line%n"
      + "  3  not found (HTTP 404): no such model%n"
      + "  4  no or wrong admin token (HTTP 401/403): set MLOPS_ADMIN_TOKEN or%n"
      + "     use --token-file FILE%n"
      + "  5  refused by the agent (HTTP 409 conflict, 422 invalid, 429 rate%n"
      + "     limited, any other 4xx), with the agent's own message%n"
      + "Errors go to stderr. See docs/CLI.md.";

  private ExitCodes() {}
}
