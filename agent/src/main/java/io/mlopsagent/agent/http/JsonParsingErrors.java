package io.mlopsagent.agent.http;

import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.ParsingErrorHandler;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.scaladsl.model.ErrorInfo;
import org.apache.pekko.http.scaladsl.model.StatusCode;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;

/**
 * The answer to a request too malformed to reach the routes (a URI over the length limit, a bad
 * escape such as {@code %zz}, an oversized header, a broken request line): Pekko's default is a
 * text/plain body; here it is the JSON {@code {"status", "error"}} body of every other error, so a
 * client parses one shape whatever it sent, and never a 5xx for the client's own mistake. Named by
 * {@code pekko.http.server.parsing.error-handler} in conf/http.conf.
 */
public final class JsonParsingErrors extends ParsingErrorHandler {
  @Override
  public HttpResponse handle(StatusCode status, ErrorInfo info, LoggingAdapter log, ServerSettings settings) {
    // The summary only, as Pekko does without verbose error messages: the detail can echo the input.
    String message = settings.verboseErrorMessages() ? info.formatPretty() : info.summary();
    int code = status.intValue();
    HttpResponse response = HttpResponse.create();
    // Whatever fails here fails on the client's bytes: a 5xx would count against the agent's own
    // error rate (and make proxies retry), so the two the parser uses become the 4xx they mean.
    if (code == 505) {
      // "GET /a b HTTP/1.1" reads as protocol "b HTTP/1.1".
      code = 400;
      message = "the request line is not METHOD TARGET HTTP/1.1 (a space in the target, or another protocol): "
          + message;
    } else if (code == 501) {
      code = 405;
      message = "the method is not one this API answers: expected GET or POST (" + message + ")";
      response = response.addHeader(RawHeader.create("Allow", "GET, POST"));
    }
    log.warning("Illegal request, responding with status '{}': {}", code, message);
    byte[] json = AdminDirectives.toJson(new JsonViews.Problem(code, message));
    return response.withStatus(code).withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, json));
  }
}
