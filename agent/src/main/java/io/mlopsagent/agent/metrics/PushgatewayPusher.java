package io.mlopsagent.agent.metrics;

import com.typesafe.config.Config;
import io.mlopsagent.agent.config.ConfigProblem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the agent's metrics to a Prometheus Pushgateway ({@code mlops.pushgateway}), for setups
 * where Prometheus cannot scrape the agent. Each push replaces the group
 * {@code job/<job>/instance/<instance>} with the current text exposition; a failed push is logged
 * once per outage and retried at the next interval.
 */
public final class PushgatewayPusher {
  private static final Logger LOG = LoggerFactory.getLogger(PushgatewayPusher.class);
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  /** Where and how often to push. */
  public record Settings(URI url, String job, String instance, Duration interval) {
    /** Empty when {@code url} is empty: pushing is off. */
    public static Optional<Settings> fromConfig(Config pushgateway, String defaultInstance) {
      String url = pushgateway.getString("url").trim();
      if (url.isEmpty()) {
        return Optional.empty();
      }
      URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
      if (uri.getScheme() == null || !uri.getScheme().matches("https?")) {
        throw new ConfigProblem("configuration: mlops.pushgateway.url = " + url + " is invalid: expected an http(s) URL");
      }
      String job = segment(pushgateway, "job", pushgateway.getString("job"));
      String instance = pushgateway.getString("instance").isBlank() ? defaultInstance
          : segment(pushgateway, "instance", pushgateway.getString("instance"));
      Duration interval = pushgateway.getDuration("interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new ConfigProblem("configuration: mlops.pushgateway.interval = " + interval + " is invalid: expected a"
            + " positive duration");
      }
      return Optional.of(new Settings(uri, job, instance, interval));
    }

    private static String segment(Config c, String key, String value) {
      if (!SEGMENT.matcher(value).matches()) {
        throw new ConfigProblem("configuration: mlops.pushgateway." + key + " = " + value + " is invalid: expected"
            + " 1-128 letters, digits, '.', '_' or '-'");
      }
      return value;
    }
  }

  private final Settings settings;
  private final HttpClient http;
  private final Supplier<byte[]> exposition;
  private final String contentType;
  private final AtomicBoolean failing = new AtomicBoolean();

  public PushgatewayPusher(Settings settings, HttpClient http, Supplier<byte[]> exposition, String contentType) {
    this.settings = settings;
    this.http = http;
    this.exposition = exposition;
    this.contentType = contentType;
  }

  /** One push; completes normally either way (a failure is logged, not thrown). */
  public CompletionStage<Boolean> push() {
    HttpRequest request = HttpRequest.newBuilder(URI.create(settings.url() + "/metrics/job/" + settings.job()
            + "/instance/" + settings.instance()))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", contentType)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(exposition.get()))
        .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(r -> {
          if (r.statusCode() / 100 == 2) {
            if (failing.getAndSet(false)) {
              LOG.info("pushing metrics to {} works again", settings.url());
            }
            return true;
          }
          return failed("HTTP " + r.statusCode() + ": " + r.body().lines().findFirst().orElse(""));
        })
        .exceptionally(e -> failed(String.valueOf(e.getCause() != null ? e.getCause() : e)));
  }

  private boolean failed(String why) {
    if (!failing.getAndSet(true)) {
      LOG.warn("cannot push metrics to the Pushgateway at {}: {}; will try again every {}", settings.url(), why,
          settings.interval());
    }
    return false;
  }
}
