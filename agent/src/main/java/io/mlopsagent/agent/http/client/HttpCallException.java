package io.mlopsagent.agent.http.client;

import java.net.URI;

/**
 * A request that got no answer (timeout, connection refused, I/O error) or an answer the caller
 * cannot use. The message always names the method and the URL, so an operator knows which system
 * to look at without a stack trace.
 */
public class HttpCallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient URI uri;
  private final boolean noAnswer;

  public HttpCallException(String method, URI uri, String problem, boolean noAnswer, Throwable cause) {
    super(method + " " + uri + " failed: " + problem, cause);
    this.uri = uri;
    this.noAnswer = noAnswer;
  }

  public URI uri() {
    return uri;
  }

  /** True when the server never answered (timeout, refused connection), false for a bad answer. */
  public boolean noAnswer() {
    return noAnswer;
  }
}
