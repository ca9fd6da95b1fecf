package io.mlopsagent.agent.bench;

import io.mlopsagent.actors.model.ModelName;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded load of GET requests on the admin API's status endpoints: {@code concurrency} clients,
 * each sending its next request as soon as the last is answered, until the time is up. Nine in
 * ten ask for a random model ({@code /api/models/{name}}), one in ten for a page of the fleet
 * ({@code /api/models}, the first page: 100 models). Requests answered during the warm-up (the first
 * tenth of the time) are not counted.
 */
final class HttpLoad {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final String baseUrl;
  private final List<ModelName> models;
  private final int concurrency;
  private final LatencyRecorder all = new LatencyRecorder();
  private final LatencyRecorder model = new LatencyRecorder();
  private final LatencyRecorder list = new LatencyRecorder();
  private final AtomicLong errors = new AtomicLong();
  private volatile String firstError;
  private double measuredSeconds;

  HttpLoad(String baseUrl, List<ModelName> models, int concurrency) {
    this.baseUrl = baseUrl;
    this.models = models;
    this.concurrency = concurrency;
  }

  /** Runs the load for {@code duration}; returns when every client has stopped. */
  void run(Duration duration) {
    HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    long start = System.nanoTime();
    long measureFrom = start + duration.toNanos() / 10;
    long end = start + duration.toNanos();
    ExecutorService clients = Executors.newFixedThreadPool(concurrency, r -> {
      Thread t = new Thread(r, "bench-http-client");
      t.setDaemon(true);
      return t;
    });
    try {
      List<CompletableFuture<Void>> running = new ArrayList<>();
      for (int i = 0; i < concurrency; i++) {
        SplittableRandom random = new SplittableRandom(i);
        running.add(CompletableFuture.runAsync(() -> client(client, random, measureFrom, end), clients));
      }
      BoundedWait.await(CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)),
          duration.plus(REQUEST_TIMEOUT).plusSeconds(10), "the HTTP load");
    } finally {
      clients.shutdownNow();
    }
    measuredSeconds = (end - measureFrom) / 1e9;
  }

  private void client(HttpClient client, SplittableRandom random, long measureFrom, long end) {
    while (System.nanoTime() < end) {
      boolean one = random.nextInt(10) != 0;
      String path = one ? "/api/models/" + models.get(random.nextInt(models.size())).value() : "/api/models";
      HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT).GET().build();
      long sent = System.nanoTime();
      int status;
      try {
        status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (IOException e) {
        status = -1;
        noteError(path + ": " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      long answered = System.nanoTime();
      if (sent < measureFrom || answered > end) {
        continue;
      }
      if (status != 200) {
        errors.incrementAndGet();
        noteError(path + ": HTTP " + status);
        continue;
      }
      all.recordNanos(answered - sent);
      (one ? model : list).recordNanos(answered - sent);
    }
  }

  LatencyRecorder all() {
    return all;
  }

  LatencyRecorder model() {
    return model;
  }

  LatencyRecorder list() {
    return list;
  }

  long errors() {
    return errors.get();
  }

  /** What went wrong with the first failed request, null when none failed. */
  String firstError() {
    return firstError;
  }

  private void noteError(String what) {
    if (firstError == null) {
      firstError = what;
    }
  }

  double measuredSeconds() {
    return measuredSeconds;
  }
}
