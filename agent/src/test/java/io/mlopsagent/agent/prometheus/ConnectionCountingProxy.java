package io.mlopsagent.agent.prometheus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on 127.0.0.1 in front of one upstream port, recording every connection the client
 * opens: the agent's attempts to reach Prometheus, counted from outside the agent. While the
 * upstream refuses, the client's connection is reset at once (the nearest a proxy can come to
 * "connection refused" while still counting), so the client sees a failure as fast as it would
 * without the proxy.
 */
final class ConnectionCountingProxy implements AutoCloseable {
  /**
   * One connection the client opened.
   *
   * @param nanos {@link System#nanoTime()} when it was accepted
   * @param upstreamAnswered whether the upstream accepted it (false: it was down)
   */
  record Attempt(long nanos, boolean upstreamAnswered) {}

  private final ServerSocket server;
  private final int upstreamPort;
  private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  ConnectionCountingProxy(int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "counting-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** Every connection so far, oldest first. */
  List<Attempt> attempts() {
    return List.copyOf(attempts);
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException closed) {
        return;
      }
      long at = System.nanoTime();
      Socket upstream = new Socket();
      try {
        upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 2_000);
      } catch (IOException refused) {
        attempts.add(new Attempt(at, false));
        reset(client);
        closeQuietly(upstream);
        continue;
      }
      attempts.add(new Attempt(at, true));
      open.add(client);
      open.add(upstream);
      pipe(client, upstream);
      pipe(upstream, client);
    }
  }

  /** Copies one direction; when either side ends, the connection ends on both. */
  private void pipe(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      try {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        in.transferTo(out);
      } catch (IOException ended) {
        // one side closed or reset: the connection is over either way
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "counting-proxy-pipe");
    t.setDaemon(true);
    t.start();
  }

  private void reset(Socket s) {
    try {
      s.setSoLinger(true, 0); // close with RST, not FIN: the client fails at once
    } catch (IOException ignored) {
      // closing below is all that matters
    }
    closeQuietly(s);
  }

  private void closeQuietly(Socket s) {
    open.remove(s);
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : List.copyOf(open)) {
      closeQuietly(s);
    }
  }
}
