package io.mlopsagent.agent.kubernetes;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.mlopsagent.agent.config.ConfigProblem;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How the agent finds and changes model workloads in Kubernetes (the {@code mlops.kubernetes}
 * section). Validated on construction: a wrong value names its key, the value and what is allowed.
 *
 * @param namespaces where Deployments labelled {@code mlops.ai/model} are looked for
 * @param split how traffic is divided between the stable and the candidate version
 * @param versionLabel the pod-template label carrying the model version, e.g. {@code mlops.ai/version}
 * @param requestTimeout timeout of one Kubernetes API request
 * @param maxRetries retries of one action after a conflict, a server error or a timeout
 * @param blueGreenSwitch how a promotion moves the model's traffic to the candidate
 */
public record KubernetesSettings(
    List<String> namespaces, TrafficSplit split, String versionLabel, Duration requestTimeout, int maxRetries,
    BlueGreenSwitch blueGreenSwitch) {

  /** How the candidate gets its share of traffic. */
  public enum TrafficSplit {
    /** One Service selects both Deployments: the share follows the replica counts (approximate). */
    REPLICAS,
    /** An HTTPRoute named after the stable Deployment weighs the stable and the candidate Service. */
    GATEWAY_API
  }

  /** What a promotion changes so that the candidate's pods serve. */
  public enum BlueGreenSwitch {
    /** The stable Deployment takes the candidate's pod template (a rolling update); the candidate is deleted. */
    TEMPLATE,
    /**
     * The model's Service switches its selector to the candidate's slot ({@code mlops.ai/slot}); the
     * candidate becomes the stable Deployment and the old one is deleted. Previews run behind
     * {@code <service>-preview}.
     */
    SERVICE_SELECTOR
  }

  /** The same settings with another traffic split (a policy may ask for one per rollout). */
  public KubernetesSettings withSplit(TrafficSplit newSplit) {
    return new KubernetesSettings(namespaces, newSplit, versionLabel, requestTimeout, maxRetries, blueGreenSwitch);
  }

  public static final String PREFIX = "mlops.kubernetes.";
  public static final List<String> DEFAULT_NAMESPACES = List.of("default");
  public static final TrafficSplit DEFAULT_SPLIT = TrafficSplit.REPLICAS;
  public static final String DEFAULT_VERSION_LABEL = "mlops.ai/version";
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_RETRIES = 3;
  public static final BlueGreenSwitch DEFAULT_BLUE_GREEN_SWITCH = BlueGreenSwitch.TEMPLATE;
  static final int MAX_RETRIES_LIMIT = 10;
  static final Duration MAX_REQUEST_TIMEOUT = Duration.ofMinutes(5);

  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  // A label key: an optional DNS-subdomain prefix and '/', then a name of 1-63 characters.
  private static final Pattern LABEL_KEY = Pattern.compile(
      "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

  public KubernetesSettings {
    if (namespaces == null || namespaces.isEmpty()) {
      throw problem("namespaces", namespaces, "a non-empty list of namespace names");
    }
    namespaces = List.copyOf(namespaces);
    if (namespaces.stream().distinct().count() != namespaces.size()) {
      throw problem("namespaces", namespaces, "each namespace once");
    }
    for (String ns : namespaces) {
      if (ns == null || !NAMESPACE.matcher(ns).matches()) {
        throw problem("namespaces", ns, "a DNS-1123 label (1-63 lower-case letters, digits or '-')");
      }
    }
    if (split == null) {
      throw problem("traffic-split", null, allowedSplits());
    }
    if (versionLabel == null || versionLabel.length() > 316 || !LABEL_KEY.matcher(versionLabel).matches()) {
      throw problem("version-label", versionLabel, "a Kubernetes label key such as " + DEFAULT_VERSION_LABEL);
    }
    if (versionLabel.equals(ModelWorkloadConvention.MODEL_LABEL) || versionLabel.equals(ModelWorkloadConvention.ROLE_LABEL)
        || versionLabel.equals(ModelWorkloadConvention.SLOT_LABEL)) {
      throw problem("version-label", versionLabel, "a label other than " + ModelWorkloadConvention.MODEL_LABEL
          + ", " + ModelWorkloadConvention.ROLE_LABEL + " and " + ModelWorkloadConvention.SLOT_LABEL);
    }
    if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()
        || requestTimeout.compareTo(MAX_REQUEST_TIMEOUT) > 0) {
      throw problem("request-timeout", requestTimeout, "a duration above 0 and at most " + MAX_REQUEST_TIMEOUT);
    }
    if (maxRetries < 0 || maxRetries > MAX_RETRIES_LIMIT) {
      throw problem("max-retries", maxRetries, "0.." + MAX_RETRIES_LIMIT);
    }
    if (blueGreenSwitch == null) {
      throw problem("blue-green-switch", null, allowedSwitches());
    }
    if (blueGreenSwitch == BlueGreenSwitch.SERVICE_SELECTOR && split == TrafficSplit.GATEWAY_API) {
      // With gateway-api the HTTPRoute names the stable and candidate Services; a selector switch
      // underneath it would move the traffic the route is weighing.
      throw problem("blue-green-switch", "service-selector", "template when traffic-split is gateway-api");
    }
  }

  /** The settings before blue-green-switch existed: a promotion replaces the pod template. */
  public KubernetesSettings(
      List<String> namespaces, TrafficSplit split, String versionLabel, Duration requestTimeout, int maxRetries) {
    this(namespaces, split, versionLabel, requestTimeout, maxRetries, DEFAULT_BLUE_GREEN_SWITCH);
  }

  /** The defaults: namespace {@code default}, REPLICAS split, {@code mlops.ai/version}, 10 s, 3 retries, TEMPLATE. */
  public static KubernetesSettings defaults() {
    return new KubernetesSettings(
        DEFAULT_NAMESPACES, DEFAULT_SPLIT, DEFAULT_VERSION_LABEL, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_RETRIES);
  }

  /**
   * Reads the {@code mlops.kubernetes} section; a missing key takes its default.
   *
   * @throws ConfigProblem naming the key, the value and what is allowed
   */
  public static KubernetesSettings fromConfig(Config section) {
    List<String> namespaces = read(section, "namespaces", DEFAULT_NAMESPACES, c -> c.getStringList("namespaces"));
    String split = read(section, "traffic-split", DEFAULT_SPLIT.name(), c -> c.getString("traffic-split"));
    String versionLabel = read(section, "version-label", DEFAULT_VERSION_LABEL, c -> c.getString("version-label"));
    Duration timeout = read(section, "request-timeout", DEFAULT_REQUEST_TIMEOUT, c -> c.getDuration("request-timeout"));
    int retries = read(section, "max-retries", DEFAULT_MAX_RETRIES, c -> c.getInt("max-retries"));
    String blueGreen = read(section, "blue-green-switch", "template", c -> c.getString("blue-green-switch"));
    return new KubernetesSettings(namespaces, parseSplit(split), versionLabel, timeout, retries, parseSwitch(blueGreen));
  }

  /**
   * The fabric8 client configuration for these settings: kubeconfig or in-cluster service account,
   * our request timeout, and no retries of the client's own, since the actuator retries whole actions.
   */
  public io.fabric8.kubernetes.client.Config clientConfig() {
    return new ConfigBuilder(io.fabric8.kubernetes.client.Config.autoConfigure(null))
        .withRequestTimeout(Math.toIntExact(requestTimeout.toMillis()))
        .withRequestRetryBackoffLimit(0)
        .build();
  }

  static TrafficSplit parseSplit(String value) {
    String normalized = value == null ? "" : value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (TrafficSplit s : TrafficSplit.values()) {
      if (s.name().equals(normalized)) {
        return s;
      }
    }
    throw problem("traffic-split", value, allowedSplits());
  }

  private static String allowedSplits() {
    return "replicas or gateway-api";
  }

  static BlueGreenSwitch parseSwitch(String value) {
    String normalized = value == null ? "" : value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (BlueGreenSwitch s : BlueGreenSwitch.values()) {
      if (s.name().equals(normalized)) {
        return s;
      }
    }
    throw problem("blue-green-switch", value, allowedSwitches());
  }

  private static String allowedSwitches() {
    return "template or service-selector";
  }

  private interface Reader<T> {
    T read(Config c);
  }

  private static <T> T read(Config section, String key, T fallback, Reader<T> reader) {
    if (!section.hasPath(key)) {
      return fallback;
    }
    try {
      return reader.read(section);
    } catch (ConfigException e) {
      throw new ConfigProblem("configuration: " + PREFIX + key + " = " + section.getValue(key).render()
          + " is invalid: " + e.getMessage(), e);
    }
  }

  private static ConfigProblem problem(String key, Object value, String allowed) {
    return new ConfigProblem("configuration: " + PREFIX + key + " = " + value + " is invalid: expected " + allowed);
  }
}
