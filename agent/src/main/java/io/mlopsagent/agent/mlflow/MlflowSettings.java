package io.mlopsagent.agent.mlflow;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.agent.config.ConfigFiles;
import io.mlopsagent.agent.config.ConfigProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach MLflow's model registry and how to read it.
 *
 * @param url base URL of the tracking server, without {@code /api/2.0/mlflow}
 * @param requestTimeout limit on every request (connect and answer)
 * @param cacheTtl how long an answer for a model is reused before MLflow is asked again
 * @param championAlias alias of the serving version (stage Production when the alias is missing)
 * @param challengerAlias alias of the candidate version (stage Staging when the alias is missing)
 * @param accuracyKey version tag, or else metric of the version's run, holding the validation accuracy
 * @param modelPrefix prepended to a model's name to give its registered-model name in MLflow
 * @param tokenFile file holding a bearer token (a mounted Secret), read on every request so rotation works
 */
public record MlflowSettings(
    URI url,
    Duration requestTimeout,
    Duration cacheTtl,
    String championAlias,
    String challengerAlias,
    String accuracyKey,
    String modelPrefix,
    Optional<Path> tokenFile) {

  private static final Config DEFAULTS = ConfigFactory.parseString("""
      request-timeout = 5s
      cache-ttl = 60s
      champion-alias = champion
      challenger-alias = challenger
      accuracy-key = validation_accuracy
      model-prefix = ""
      token-file = ""
      """);

  public MlflowSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(cacheTtl, "cacheTtl");
    Objects.requireNonNull(championAlias, "championAlias");
    Objects.requireNonNull(challengerAlias, "challengerAlias");
    Objects.requireNonNull(accuracyKey, "accuracyKey");
    Objects.requireNonNull(modelPrefix, "modelPrefix");
    Objects.requireNonNull(tokenFile, "tokenFile");
  }

  /** Defaults for everything but the URL. */
  public static MlflowSettings defaults(URI url) {
    return fromConfig(ConfigFactory.parseMap(Map.of("url", url.toString())));
  }

  /**
   * Reads the {@code mlops.mlflow} section; keys it leaves out take their defaults, {@code url} has none.
   *
   * @throws ConfigProblem naming the key, the value and what is allowed
   */
  public static MlflowSettings fromConfig(Config mlflowSection) {
    Config c = mlflowSection.withFallback(DEFAULTS);
    try {
      MlflowSettings s = new MlflowSettings(
          baseUrl(c),
          positive(c, "request-timeout"),
          nonNegative(c, "cache-ttl"),
          name(c, "champion-alias"),
          name(c, "challenger-alias"),
          name(c, "accuracy-key"),
          prefix(c),
          optionalPath(c, "token-file"));
      if (s.championAlias.equals(s.challengerAlias)) {
        throw problem("challenger-alias", s.challengerAlias, "an alias different from mlops.mlflow.champion-alias");
      }
      return s;
    } catch (ConfigException e) {
      throw new ConfigProblem("configuration: " + e.getMessage(), e);
    }
  }

  /** The registered-model name of {@code model} in MLflow. */
  public String registeredName(ModelName model) {
    return modelPrefix + model.value();
  }

  /** The root of the REST API, ending with a slash. */
  public URI apiRoot() {
    String base = url.toString();
    return URI.create((base.endsWith("/") ? base : base + "/") + "api/2.0/mlflow/");
  }

  private static URI baseUrl(Config c) {
    if (!c.hasPath("url") || c.getString("url").isBlank()) {
      throw problem("url", "", "the base URL of the MLflow tracking server, such as http://mlflow.mlflow:5000");
    }
    String raw = c.getString("url").trim();
    try {
      URI uri = new URI(raw);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
          || uri.getQuery() != null) {
        throw problem("url", raw, "an http or https URL with a host and no query, such as http://mlflow.mlflow:5000");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw problem("url", raw, "an http or https URL such as http://mlflow.mlflow:5000 (" + e.getReason() + ")");
    }
  }

  private static Duration positive(Config c, String key) {
    Duration d = duration(c, key, "a positive duration such as 5s");
    if (d.isNegative() || d.isZero()) {
      throw problem(key, c.getString(key), "a positive duration such as 5s");
    }
    return d;
  }

  private static Duration nonNegative(Config c, String key) {
    Duration d = duration(c, key, "a duration of 0 (no caching) or more, such as 60s");
    if (d.isNegative()) {
      throw problem(key, c.getString(key), "a duration of 0 (no caching) or more, such as 60s");
    }
    return d;
  }

  private static Duration duration(Config c, String key, String allowed) {
    try {
      return c.getDuration(key);
    } catch (ConfigException.BadValue | ConfigException.WrongType e) {
      throw problem(key, String.valueOf(c.getValue(key).unwrapped()), allowed);
    }
  }

  private static String name(Config c, String key) {
    String v = c.getString(key).trim();
    // MLflow aliases and tag keys: letters, digits, '_', '-', '.', '/' and ' ' are what its validators accept.
    if (v.isEmpty() || v.length() > 250 || !v.matches("[A-Za-z0-9_.\\-/ ]+")) {
      throw problem(key, v, "1-250 characters: letters, digits, '_', '-', '.', '/' or ' '");
    }
    return v;
  }

  private static String prefix(Config c) {
    String v = c.getString("model-prefix");
    if (v.length() > 200 || !v.matches("[A-Za-z0-9_.\\-/ ]*")) {
      throw problem("model-prefix", v, "empty or up to 200 characters: letters, digits, '_', '-', '.', '/' or ' '");
    }
    return v;
  }

  private static Optional<Path> optionalPath(Config c, String key) {
    String v = c.getString(key).trim();
    return v.isEmpty() ? Optional.empty() : Optional.of(ConfigFiles.path("mlops.mlflow." + key, v));
  }

  private static ConfigProblem problem(String key, String value, String allowed) {
    return new ConfigProblem("configuration: mlops.mlflow." + key + " = '" + value + "' is invalid: expected " + allowed);
  }
}
