package io.mlopsagent.agent.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests {@link java.net.http.HttpClient} refuses to send: a
 * malformed request-target ({@code %zz}, raw spaces, raw UTF-8), control characters and line breaks
 * in header values, header names that are not tokens. One request per connection, read to the end.
 */
final class RawHttp {
  /** What the server answered. */
  record Answer(int status, Map<String, String> headers, String body) {}

  private RawHttp() {}

  /**
   * Sends {@code head} (request line and header lines, without the final blank line) and {@code
   * body}; Host, Connection: close and Content-Length are added.
   *
   * @throws SocketTimeoutException when the server has not finished answering within {@code timeoutMillis}
   */
  static Answer send(int port, String head, byte[] body, int timeoutMillis) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
      OutputStream out = socket.getOutputStream();
      String full = head + "\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n"
          + (body.length > 0 ? "Content-Length: " + body.length + "\r\n" : "") + "\r\n";
      try {
        out.write(full.getBytes(StandardCharsets.UTF_8));
        out.write(body);
        out.flush();
      } catch (java.net.SocketException answeredEarly) {
        // A server may refuse a bad request line at once and close while the body is still being
        // sent: what it answered before closing is still to be read.
        try {
          socket.shutdownOutput();
        } catch (IOException alreadyClosed) {
          // nothing more to send either way; the read below tells what came back
        }
      }
      return parse(readAll(socket.getInputStream(), deadline));
    }
  }

  private static byte[] readAll(InputStream in, long deadline) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    try {
      while ((n = in.read(buffer)) >= 0) {
        all.write(buffer, 0, n);
        if (System.nanoTime() > deadline) {
          throw new SocketTimeoutException("the answer did not end in time");
        }
      }
    } catch (java.net.SocketException e) {
      // The server may close after answering a request it refused to read (a reset): keep what came.
      if (all.size() == 0) {
        throw e;
      }
    }
    return all.toByteArray();
  }

  private static Answer parse(byte[] raw) throws IOException {
    String text = new String(raw, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/1.1 ") || end < 0) {
      throw new IOException("not an HTTP answer: " + text.substring(0, Math.min(200, text.length())));
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].substring(9, 12));
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    String body = text.substring(end + 4);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Answer(status, headers, body);
  }

  private static String dechunk(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (at < chunked.length()) {
      int eol = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, eol).split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      // Sizes count bytes; the bodies here are JSON or text the test only reads in full.
      String rest = chunked.substring(eol + 2);
      byte[] bytes = rest.getBytes(StandardCharsets.UTF_8);
      String chunk = new String(bytes, 0, Math.min(size, bytes.length), StandardCharsets.UTF_8);
      body.append(chunk);
      at = eol + 2 + chunk.length() + 2;
    }
    return body.toString();
  }
}
