package io.mlopsagent.agent.retraining;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.mlopsagent.agent.config.ConfigFiles;
import io.mlopsagent.agent.config.ConfigProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which training system the agent asks to retrain a model, read from {@code mlops.retraining}.
 *
 * @param kind webhook, kubeflow, or none (retraining decisions are journaled but not acted on)
 * @param url the webhook URL, or the Kubeflow Pipelines API server
 * @param secretFile file holding the webhook's HMAC secret (a mounted Secret)
 * @param pipelineId Kubeflow pipeline to run
 * @param pipelineVersionId Kubeflow pipeline version to run
 * @param parameters fixed pipeline parameters besides {@code model} and {@code reason}
 * @param requestTimeout limit on every request
 * @param maxAttempts attempts per request while the server answers 5xx or refuses the connection
 */
public record RetrainingSettings(
    Kind kind,
    Optional<URI> url,
    Optional<Path> secretFile,
    String pipelineId,
    String pipelineVersionId,
    Map<String, String> parameters,
    Duration requestTimeout,
    int maxAttempts) {

  /** The training systems the agent can talk to. */
  public enum Kind { WEBHOOK, KUBEFLOW, NONE }

  private static final Config DEFAULTS = ConfigFactory.parseString("""
      kind = none
      url = ""
      secret-file = ""
      pipeline-id = ""
      pipeline-version-id = ""
      parameters {}
      request-timeout = 10s
      max-attempts = 3
      """);

  public RetrainingSettings {
    parameters = Map.copyOf(parameters);
  }

  /**
   * Reads the {@code mlops.retraining} section; keys it leaves out take their defaults.
   *
   * @throws ConfigProblem naming the key, the value and what is allowed
   */
  public static RetrainingSettings fromConfig(Config retrainingSection) {
    Config c = retrainingSection.withFallback(DEFAULTS);
    try {
      Kind kind = kind(c);
      Optional<URI> url = url(c);
      Optional<Path> secret = optionalPath(c, "secret-file");
      String pipelineId = c.getString("pipeline-id").trim();
      String pipelineVersionId = c.getString("pipeline-version-id").trim();
      switch (kind) {
        case WEBHOOK -> {
          require(url.isPresent(), "url", "", "the webhook URL, such as https://ci.example.com/hooks/retrain");
          require(secret.isPresent(), "secret-file", "",
              "the file holding the HMAC secret the webhook checks signatures with");
        }
        case KUBEFLOW -> {
          require(url.isPresent(), "url", "", "the Kubeflow Pipelines API server, such as http://ml-pipeline.kubeflow:8888");
          require(!pipelineId.isEmpty(), "pipeline-id", "", "the id of the training pipeline");
          require(!pipelineVersionId.isEmpty(), "pipeline-version-id", "", "the id of the pipeline version to run");
        }
        case NONE -> { }
      }
      return new RetrainingSettings(kind, url, secret, pipelineId, pipelineVersionId, parameters(c),
          requestTimeout(c), maxAttempts(c));
    } catch (ConfigException e) {
      throw new ConfigProblem("configuration: " + e.getMessage(), e);
    }
  }

  private static Kind kind(Config c) {
    String v = c.getString("kind").trim();
    try {
      return Kind.valueOf(v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw problem("kind", v, "webhook, kubeflow or none");
    }
  }

  private static Optional<URI> url(Config c) {
    String raw = c.getString("url").trim();
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(raw);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException e) {
      // reported below, with what is allowed
    }
    throw problem("url", raw, "an http or https URL with a host");
  }

  private static Map<String, String> parameters(Config c) {
    Map<String, String> params = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : c.getConfig("parameters").root().entrySet()) {
      ConfigValueType type = e.getValue().valueType();
      if (type == ConfigValueType.OBJECT || type == ConfigValueType.LIST || type == ConfigValueType.NULL) {
        throw problem("parameters." + e.getKey(), e.getValue().render(), "a string, number or boolean");
      }
      if (e.getKey().equals("model") || e.getKey().equals("reason")) {
        throw problem("parameters." + e.getKey(), e.getValue().render(),
            "no such entry: the agent sets 'model' and 'reason' itself");
      }
      params.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
    }
    return params;
  }

  private static Duration requestTimeout(Config c) {
    Duration d;
    try {
      d = c.getDuration("request-timeout");
    } catch (ConfigException.BadValue | ConfigException.WrongType e) {
      throw problem("request-timeout", String.valueOf(c.getValue("request-timeout").unwrapped()),
          "a positive duration such as 10s");
    }
    require(!(d.isNegative() || d.isZero()), "request-timeout", d.toString(), "a positive duration such as 10s");
    return d;
  }

  private static int maxAttempts(Config c) {
    String allowed = "a whole number of attempts from 1 to 10";
    int n;
    try {
      n = c.getInt("max-attempts");
    } catch (ConfigException.WrongType e) {
      throw problem("max-attempts", String.valueOf(c.getValue("max-attempts").unwrapped()), allowed);
    }
    require(n >= 1 && n <= 10, "max-attempts", Integer.toString(n), allowed);
    return n;
  }

  private static Optional<Path> optionalPath(Config c, String key) {
    String v = c.getString(key).trim();
    return v.isEmpty() ? Optional.empty()
        : Optional.of(ConfigFiles.path("mlops.retraining." + key, v));
  }

  private static void require(boolean ok, String key, String value, String allowed) {
    if (!ok) {
      throw problem(key, value, allowed);
    }
  }

  static ConfigProblem problem(String key, String value, String allowed) {
    return new ConfigProblem("configuration: mlops.retraining." + key + " = '" + value + "' is invalid: expected "
        + allowed);
  }
}
