package io.mlopsagent.agent.mlflow;

import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.actors.ports.ModelRegistry;
import io.mlopsagent.actors.ports.ModelVersion;
import io.mlopsagent.agent.http.client.JsonHttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model registry in MLflow. Answers are cached for {@code cache-ttl}; when MLflow fails, the
 * last good answer for the model stands in, so an MLflow restart does not stall every model's
 * decisions. Only a model never read successfully fails, with the URL and the model named.
 */
public final class MlflowRegistry implements ModelRegistry {
  /** Version tag recording which agent action promoted a version, for audits from the MLflow side. */
  public static final String PROMOTED_BY_TAG = "mlops.ai/promoted-by";

  private static final Logger LOG = LoggerFactory.getLogger(MlflowRegistry.class);

  private final MlflowSettings settings;
  private final MlflowRestClient api;
  private final MlflowVersionReader reader;
  private final VersionCache cache;
  /** One request per model at a time: callers arriving while it runs share its answer. */
  private final Map<ModelName, CompletableFuture<List<ModelVersion>>> inFlight = new ConcurrentHashMap<>();
  private final AtomicBoolean unavailable = new AtomicBoolean();

  public MlflowRegistry(MlflowSettings settings) {
    this(settings, JsonHttpClient.create(settings.requestTimeout()), Clock.systemUTC());
  }

  public MlflowRegistry(MlflowSettings settings, JsonHttpClient http, Clock clock) {
    this.settings = settings;
    this.api = new MlflowRestClient(http, settings.apiRoot(), settings.tokenFile());
    this.reader = new MlflowVersionReader(api, settings);
    this.cache = new VersionCache(clock, settings.cacheTtl());
  }

  @Override
  public CompletionStage<List<ModelVersion>> versions(ModelName model) {
    Optional<List<ModelVersion>> fresh = cache.fresh(model);
    if (fresh.isPresent()) {
      return CompletableFuture.completedFuture(fresh.get());
    }
    CompletableFuture<List<ModelVersion>> mine = new CompletableFuture<>();
    CompletableFuture<List<ModelVersion>> running = inFlight.putIfAbsent(model, mine);
    if (running != null) {
      return running.copy();
    }
    fetch(model).whenComplete((versions, error) -> {
      inFlight.remove(model, mine);
      if (error != null) {
        mine.completeExceptionally(error);
      } else {
        mine.complete(versions);
      }
    });
    return mine.copy();
  }

  @Override
  public CompletionStage<Void> recordPromotion(ActionId action, ModelName model, String version) {
    String name = settings.registeredName(model);
    // Alias first: it is what serving reads. Both calls set a value, so a repeat changes nothing.
    return api.setAlias(name, settings.championAlias(), version)
        .thenCompose(done -> api.setTag(name, version, PROMOTED_BY_TAG, action.value()))
        .whenComplete((done, error) -> cache.invalidate(model))
        .exceptionally(error -> {
          throw new CompletionException(new IllegalStateException("MLflow at " + settings.url()
              + " could not record the promotion of version " + version + " of model '" + model + "': "
              + cause(error).getMessage(), cause(error)));
        });
  }

  private CompletableFuture<List<ModelVersion>> fetch(ModelName model) {
    CompletableFuture<List<ModelVersion>> read;
    try {
      read = reader.read(model);
    } catch (RuntimeException e) {
      read = CompletableFuture.failedFuture(e);
    }
    return read.handle((versions, error) -> {
      if (error == null) {
        cache.put(model, versions);
        if (unavailable.compareAndSet(true, false)) {
          LOG.info("MLflow at {} answers again", settings.url());
        }
        return versions;
      }
      Throwable cause = cause(error);
      Optional<List<ModelVersion>> lastGood = cache.lastGood(model);
      if (unavailable.compareAndSet(false, true)) {
        // Once per outage, not once per model and poll: a fleet of a thousand models would drown the log.
        LOG.warn("MLflow at {} fails ({}); answering the last known versions until it recovers", settings.url(),
            cause.getMessage());
      }
      if (lastGood.isPresent()) {
        return lastGood.get();
      }
      throw new CompletionException(new IllegalStateException("MLflow at " + settings.url()
          + " cannot list the versions of model '" + model + "' (registered model '" + settings.registeredName(model)
          + "') and no earlier answer is known: " + cause.getMessage(), cause));
    });
  }

  private static Throwable cause(Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
