package io.mlopsagent.agent.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mlopsagent.actors.metrics.ModelWindows;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.MetricsSource;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.agent.daemon.RealWorld;
import io.mlopsagent.agent.metrics.AgentMetrics;
import io.mlopsagent.agent.metrics.FleetMetrics;
import io.mlopsagent.agent.metrics.JournalHealth;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code kubectl apply -k k8s/overlays/<name>} would send, checked against the code: the
 * overlays rendered by {@code kubectl kustomize} (skipped when kubectl is not on the PATH), the
 * agent's configuration in them loaded as the agent loads it, the Role against the rules the code
 * uses, and the monitoring files' metric names against the agent's metric registry.
 */
class RenderedManifestsTest {
  // Tests run in the agent module's directory; the manifests live at the repository root.
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String NAMESPACE = "mlops-ai-pipeline";
  private static final String CONFIG_DIR = "/etc/mlops";
  private static final long KUBECTL_SECONDS = 60;

  /** Environment variables the code does not read yet but the cluster work adds. */
  private static final Set<String> ENV_BEING_ADDED = Set.of("MLOPS_CLUSTER_BOOTSTRAP", "POD_IP");
  /** Read by the JVM itself. */
  private static final Set<String> ENV_OF_THE_JVM = Set.of("JAVA_TOOL_OPTIONS");

  private static final Map<String, List<HasMetadata>> RENDERED = new ConcurrentHashMap<>();

  // ---------------------------------------------------------------- what is there

  @ParameterizedTest
  @ValueSource(strings = {"single-node", "ha"})
  void rendersTheExpectedObjectsAllInTheAgentsNamespace(String overlay) {
    List<HasMetadata> objects = render("k8s/overlays/" + overlay);

    Set<String> expected = new HashSet<>(Set.of("Namespace", "ConfigMap", "Deployment", "ServiceAccount", "Role",
        "RoleBinding", "Service", "NetworkPolicy", "PodDisruptionBudget"));
    expected.add(overlay.equals("ha") ? "Job" : "PersistentVolumeClaim");
    assertThat(objects.stream().map(HasMetadata::getKind).collect(Collectors.toSet()))
        .as("kinds rendered by %s", overlay).isEqualTo(expected);
    for (HasMetadata o : objects) {
      if (o.getKind().equals("Namespace")) {
        assertThat(o.getMetadata().getName()).isEqualTo(NAMESPACE);
      } else {
        assertThat(o.getMetadata().getNamespace()).as("namespace of %s", o.getKind()).isEqualTo(NAMESPACE);
      }
    }
  }

  // ---------------------------------------------------------------- the agent's pods

  @ParameterizedTest
  @ValueSource(strings = {"single-node", "ha"})
  void theDeploymentRunsTheAgentProbedHardenedAndBounded(String overlay) {
    Deployment deployment = only(render("k8s/overlays/" + overlay), Deployment.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container agent = pod.getContainers().get(0);

    assertThat(deployment.getMetadata().getName()).isEqualTo("mlops-agent");
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(overlay.equals("ha") ? 3 : 1);
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/name", "mlops-agent").containsEntry("app", "mlops-agent");
    assertThat(pod.getServiceAccountName()).isEqualTo("mlops-agent");
    assertThat(agent.getImage()).startsWith("mlops-agent:");
    assertThat(agent.getArgs()).containsExactly("run", "--config", CONFIG_DIR + "/agent.conf");
    assertThat(agent.getPorts()).extracting(ContainerPort::getContainerPort).containsExactlyInAnyOrder(8080, 25520, 8558);

    assertHttpProbe(agent.getReadinessProbe(), "/ready", 8558);
    assertHttpProbe(agent.getLivenessProbe(), "/alive", 8558);

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(agent.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(agent.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(agent.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(agent.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(agent.getResources().getLimits()).containsKeys("cpu", "memory");
    assertThat(env(agent, "JAVA_TOOL_OPTIONS")).contains("MaxRAMPercentage");
    // The root filesystem is read-only: the JVM needs a writable /tmp.
    assertThat(volumeAt(pod, agent, "/tmp").getEmptyDir()).isNotNull();

    assertThat(env(agent, "MLOPS_CLUSTER_BOOTSTRAP")).isEqualTo(overlay.equals("ha") ? "kubernetes" : "off");
    EnvVar podIp = agent.getEnv().stream().filter(e -> e.getName().equals("POD_IP")).findFirst().orElseThrow();
    assertThat(podIp.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
  }

  @Test
  void singleNodeKeepsItsH2JournalOnTheClaimAndNeverRunsTwoPods() {
    List<HasMetadata> objects = render("k8s/overlays/single-node");
    Deployment deployment = only(objects, Deployment.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container agent = pod.getContainers().get(0);
    PersistentVolumeClaim claim = only(objects, PersistentVolumeClaim.class);

    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(env(agent, "MLOPS_DB_URL")).isNull();
    Volume data = volumeAt(pod, agent, env(agent, "MLOPS_DATA_DIR"));
    assertThat(data.getPersistentVolumeClaim().getClaimName()).isEqualTo(claim.getMetadata().getName());
  }

  @Test
  void haGivesTheAgentsAndTheSchemaJobThePostgresJournalFromTheSecret() {
    List<HasMetadata> objects = render("k8s/overlays/ha");
    Job job = only(objects, Job.class);
    Container migrate = job.getSpec().getTemplate().getSpec().getContainers().get(0);

    assertThat(job.getMetadata().getName()).isEqualTo("mlops-schema");
    assertThat(migrate.getArgs()).containsExactly("migrate", "--config", CONFIG_DIR + "/agent.conf");
    assertThat(objects).as("no Secret in the repository").noneMatch(o -> o.getKind().equals("Secret"));
    for (PodSpec pod : List.of(only(objects, Deployment.class).getSpec().getTemplate().getSpec(),
        job.getSpec().getTemplate().getSpec())) {
      Container c = pod.getContainers().get(0);
      assertThat(env(c, "MLOPS_DB_URL")).startsWith("jdbc:postgresql://");
      for (String file : List.of(env(c, "MLOPS_DB_USER_FILE"), env(c, "MLOPS_DB_PASSWORD_FILE"))) {
        Volume volume = volumeAt(pod, c, Path.of(file).getParent().toString());
        assertThat(volume.getSecret().getSecretName()).isEqualTo("mlops-db");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"single-node", "ha"})
  void everyEnvironmentVariableSetIsOneTheCodeReads(String overlay) throws Exception {
    Set<String> known = environmentVariablesTheCodeReads();
    List<HasMetadata> objects = render("k8s/overlays/" + overlay);
    List<PodSpec> pods = new ArrayList<>();
    pods.add(only(objects, Deployment.class).getSpec().getTemplate().getSpec());
    objects.stream().filter(Job.class::isInstance).map(o -> ((Job) o).getSpec().getTemplate().getSpec()).forEach(pods::add);

    for (PodSpec pod : pods) {
      for (Container c : pod.getContainers()) {
        assertThat(c.getEnv()).extracting(EnvVar::getName).allSatisfy(name -> assertThat(known).contains(name));
      }
    }
  }

  // ---------------------------------------------------------------- permissions and network

  @ParameterizedTest
  @ValueSource(strings = {"single-node", "ha"})
  void theRoleGrantsExactlyWhatTheCodeUsesToTheAgentsAccount(String overlay) {
    List<HasMetadata> objects = render("k8s/overlays/" + overlay);
    Role role = only(objects, Role.class);
    RoleBinding binding = only(objects, RoleBinding.class);

    assertThat(RbacMatchesCodeTest.flatten(role.getRules()))
        .isEqualTo(RbacMatchesCodeTest.flatten(RbacMatchesCodeTest.expectedRules()));
    assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
    assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
      assertThat(s.getKind()).isEqualTo("ServiceAccount");
      assertThat(s.getName()).isEqualTo(only(objects, ServiceAccount.class).getMetadata().getName());
      assertThat(s.getNamespace()).isEqualTo(NAMESPACE);
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"single-node", "ha"})
  void theNetworkPolicyOpensAdminAndManagementToTheNamespaceAndMonitoringAndRemotingToPeers(String overlay) {
    List<HasMetadata> objects = render("k8s/overlays/" + overlay);
    NetworkPolicy policy = only(objects, NetworkPolicy.class);
    Map<String, String> podLabels = only(objects, Deployment.class).getSpec().getTemplate().getMetadata().getLabels();

    assertThat(podLabels).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
    List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
    assertThat(rules).hasSize(2);

    NetworkPolicyIngressRule admin = rules.get(0);
    assertThat(ports(admin)).containsExactlyInAnyOrder(8080, 8558);
    assertThat(admin.getFrom()).hasSize(2);
    NetworkPolicyPeer sameNamespace = admin.getFrom().get(0);
    assertThat(sameNamespace.getNamespaceSelector()).isNull();
    assertThat(sameNamespace.getPodSelector().getMatchLabels()).isNullOrEmpty();
    assertThat(sameNamespace.getPodSelector().getMatchExpressions()).isNullOrEmpty();
    NetworkPolicyPeer monitoring = admin.getFrom().get(1);
    assertThat(monitoring.getPodSelector()).isNull();
    assertThat(monitoring.getNamespaceSelector().getMatchLabels())
        .isEqualTo(Map.of("kubernetes.io/metadata.name", "monitoring"));

    NetworkPolicyIngressRule remoting = rules.get(1);
    assertThat(ports(remoting)).containsExactly(25520);
    assertThat(remoting.getFrom()).singleElement().satisfies(peer -> {
      assertThat(peer.getNamespaceSelector()).isNull();
      assertThat(podLabels).containsAllEntriesOf(peer.getPodSelector().getMatchLabels());
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"single-node", "ha"})
  void theServiceAndTheDisruptionBudgetSelectTheAgentsPods(String overlay) {
    List<HasMetadata> objects = render("k8s/overlays/" + overlay);
    Map<String, String> podLabels = only(objects, Deployment.class).getSpec().getTemplate().getMetadata().getLabels();
    Service service = only(objects, Service.class);
    PodDisruptionBudget budget = only(objects, PodDisruptionBudget.class);

    assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getPort()).isEqualTo(8080);
      assertThat(p.getTargetPort().getIntVal()).isEqualTo(8080);
    });
    assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
    assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
  }

  // ---------------------------------------------------------------- configuration

  @ParameterizedTest
  @ValueSource(strings = {"single-node", "ha"})
  void theConfigMapCarriesTheSeedsSettingsAndTheAgentAcceptsIt(String overlay, @TempDir Path dir) throws Exception {
    List<HasMetadata> objects = render("k8s/overlays/" + overlay);
    ConfigMap map = only(objects, ConfigMap.class);
    PodSpec pod = only(objects, Deployment.class).getSpec().getTemplate().getSpec();
    Container agent = pod.getContainers().get(0);

    assertThat(map.getMetadata().getName()).isEqualTo("mlops-config");
    assertThat(volumeAt(pod, agent, CONFIG_DIR).getConfigMap().getName()).isEqualTo("mlops-config");
    Config conf = ConfigFactory.parseString(map.getData().get("agent.conf")).resolve();
    Config policies = ConfigFactory.parseString(map.getData().get("policies.conf")).resolve();

    assertThat(conf.getString("mlops.prometheus.url")).startsWith("http://");
    assertThat(conf.getString("mlops.mlflow.url")).startsWith("http://");
    assertThat(conf.getString("mlops.http.interface")).isEqualTo("0.0.0.0");
    assertThat(conf.getInt("pekko.remote.artery.canonical.port")).isEqualTo(25520);
    assertThat(conf.getInt("pekko.management.http.port")).isEqualTo(8558);
    assertThat(policies.getDouble("policies.default.analysis.min-accuracy")).isEqualTo(0.85);
    assertThat(policies.getBoolean("policies.default.scaling.enabled")).isTrue();
    assertThat(policies.getString("policies.default.rollout.strategy")).isEqualTo("blue-green");
    // The policies file the agent reads is the one in the mounted ConfigMap.
    Path policiesFile = Path.of(conf.getString("mlops.policies-file"));
    assertThat(policiesFile.getParent()).isEqualTo(Path.of(CONFIG_DIR));
    assertThat(map.getData()).containsKey(policiesFile.getFileName().toString());

    // Loaded and checked as `mlops-agent run` does, the mount paths moved into a temp directory.
    Path agentConf = Files.writeString(dir.resolve("agent.conf"), map.getData().get("agent.conf"));
    Path policiesConf = Files.writeString(dir.resolve("policies.conf"), map.getData().get("policies.conf"));
    Config mounts = ConfigFactory.parseMap(Map.of(
        "mlops.policies-file", policiesConf.toString(), "mlops.data-dir", dir.resolve("data").toString(),
        "mlops.db.url", ""));
    AgentConfig loaded = AgentConfig.load(java.util.Optional.of(agentConf), mounts);
    RealWorld world = RealWorld.from(loaded);
    assertThat(loaded.http().port()).isEqualTo(8080);
    assertThat(world.describeSource()).contains(conf.getString("mlops.prometheus.url"));
  }

  // ---------------------------------------------------------------- monitoring

  @Test
  void theMonitoringKustomizationRenders() {
    List<HasMetadata> objects = render("k8s/monitoring");

    assertThat(objects).extracting(HasMetadata::getKind)
        .containsExactlyInAnyOrder("ConfigMap", "ServiceMonitor", "PrometheusRule");
  }

  @Test
  void theAlertsUseOnlyMetricsTheAgentExposes() throws Exception {
    GenericKubernetesResource rule = Serialization.unmarshal(
        Files.readString(ROOT.resolve("k8s/monitoring/prometheusrule.yaml")), GenericKubernetesResource.class);
    Set<String> exposed = exposedMetricNames();

    assertThat(rule.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(rule.getKind()).isEqualTo("PrometheusRule");
    List<String> alerts = new ArrayList<>();
    List<String> exprs = new ArrayList<>();
    for (Object group : (List<?>) ((Map<?, ?>) rule.getAdditionalProperties().get("spec")).get("groups")) {
      for (Object r : (List<?>) ((Map<?, ?>) group).get("rules")) {
        alerts.add((String) ((Map<?, ?>) r).get("alert"));
        exprs.add((String) ((Map<?, ?>) r).get("expr"));
      }
    }
    assertThat(alerts).contains("MlopsAgentAdaptationRateHigh", "MlopsAgentFailedRollouts",
        "MlopsAgentCircuitBreakerOpen", "MlopsAgentPollLag", "MlopsAgentMetricsSourceDown", "MlopsAgentJournalDown");
    assertMetricsExposed(exprs, exposed);
    promtoolAccepts(exprs);
  }

  @Test
  void theDashboardParsesAndUsesOnlyMetricsTheAgentExposes() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("k8s/monitoring/grafana-dashboard.json").toFile());
    List<String> exprs = new ArrayList<>();
    dashboard.findValues("expr").forEach(e -> exprs.add(e.asText()));

    assertThat(dashboard.path("panels").size()).isPositive();
    assertThat(exprs).hasSizeGreaterThanOrEqualTo(dashboard.path("panels").size());
    assertMetricsExposed(exprs, exposedMetricNames());
    promtoolAccepts(exprs);
  }

  private static void assertMetricsExposed(List<String> exprs, Set<String> exposed) {
    for (String expr : exprs) {
      Set<String> names = metricNames(expr);
      assertThat(names).as("metrics in %s", expr).isNotEmpty();
      assertThat(names).as("metrics in %s", expr)
          .allSatisfy(n -> assertThat(n).matches("(mlops|jvm)_.*"))
          .allSatisfy(n -> assertThat(exposed).as("metric %s exposed by the agent", n).contains(n));
    }
  }

  /**
   * Metric names in a PromQL expression: identifiers left once strings, label matchers, ranges and
   * grouping clauses are removed, other than functions (followed by a parenthesis) and keywords.
   */
  static Set<String> metricNames(String expr) {
    String s = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
        .replaceAll("\\{[^}]*}", " ")
        .replaceAll("\\[[^]]*]", " ")
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> keywords = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and",
        "or", "unless", "offset", "inf", "nan");
    Set<String> names = new LinkedHashSet<>();
    Matcher m = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?").matcher(s);
    while (m.find()) {
      if (m.group(2) == null && !keywords.contains(m.group(1).toLowerCase())) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  @Test
  void metricNamesAreFoundInPromQl() {
    assertThat(metricNames("sum by (type) (rate(mlops_adaptations_total{type=~\"a|b\"}[15m])) * 3600"))
        .containsExactly("mlops_adaptations_total");
    assertThat(metricNames("time() - max(mlops_observation_time_seconds) > 300 and absent(mlops_agent_build_info)"))
        .containsExactly("mlops_observation_time_seconds", "mlops_agent_build_info");
    assertThat(metricNames("histogram_quantile(0.95, sum by (le) (rate(x_bucket[5m]))) / on (a) group_left y"))
        .containsExactly("x_bucket", "y");
  }

  /** The names a scrape of the agent can show, from its metric registry (JVM metrics included). */
  private static Set<String> exposedMetricNames() {
    AgentMetrics metrics = new AgentMetrics("test");
    new FleetMetrics(metrics.registry(), new NoMetrics());
    new JournalHealth(() -> CompletableFuture.completedFuture(null), "test").register(metrics.registry());
    Set<String> names = new HashSet<>();
    for (MetricSnapshot s : metrics.registry().scrape()) {
      String name = s.getMetadata().getPrometheusName();
      if (s instanceof CounterSnapshot) {
        names.add(name + "_total");
      } else if (s instanceof HistogramSnapshot) {
        names.addAll(List.of(name + "_bucket", name + "_count", name + "_sum"));
      } else if (s instanceof SummarySnapshot) {
        names.addAll(List.of(name, name + "_count", name + "_sum"));
      } else if (s instanceof InfoSnapshot) {
        names.add(name + "_info");
      } else {
        names.add(name);
      }
    }
    return names;
  }

  /** PromQL syntax by promtool, where installed (scripts/install-test-deps.sh brings Prometheus). */
  private static void promtoolAccepts(List<String> exprs) throws Exception {
    Path promtool = onPath("promtool");
    if (promtool == null) {
      return;
    }
    StringBuilder rules = new StringBuilder("groups:\n  - name: check\n    rules:\n");
    for (int i = 0; i < exprs.size(); i++) {
      rules.append("      - record: check:expr_").append(i).append("\n        expr: ")
          .append(new ObjectMapper().writeValueAsString(exprs.get(i))).append('\n');
    }
    Path file = Files.createTempFile("rules", ".yaml");
    try {
      Files.writeString(file, rules);
      Output out = exec(List.of(promtool.toString(), "check", "rules", file.toString()));
      assertThat(out.code()).as("promtool check rules:%n%s%s", out.stdout(), out.stderr()).isZero();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** A metrics source for the registry only: FleetMetrics asks it for nothing but its problem. */
  private static final class NoMetrics implements MetricsSource {
    @Override
    public CompletionStage<List<ModelName>> discover() {
      return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public CompletionStage<Map<ModelName, ModelWindows>> fetch(Collection<ModelName> models, Instant at) {
      return CompletableFuture.completedFuture(Map.of());
    }
  }

  // ---------------------------------------------------------------- helpers

  /** {@code kubectl kustomize DIR} from the repository root, parsed; rendered once per directory. */
  private static List<HasMetadata> render(String dir) {
    Path kubectl = onPath("kubectl");
    Assumptions.assumeTrue(kubectl != null, "kubectl is not on the PATH: the kustomizations are not rendered");
    return RENDERED.computeIfAbsent(dir, d -> {
      try {
        Output out = exec(List.of(kubectl.toString(), "kustomize", d));
        assertThat(out.code()).as("kubectl kustomize %s: %s", d, out.stderr()).isZero();
        List<HasMetadata> objects = new ArrayList<>();
        for (String doc : out.stdout().split("(?m)^---\\s*$")) {
          if (!doc.isBlank()) {
            objects.add(Serialization.unmarshal(doc, HasMetadata.class));
          }
        }
        return objects;
      } catch (Exception e) {
        throw new AssertionError("kubectl kustomize " + d + ": " + e, e);
      }
    });
  }

  private record Output(int code, String stdout, String stderr) {}

  /** Runs a command in the repository root, output to files (no pipe to fill), bounded in time. */
  private static Output exec(List<String> command) throws Exception {
    Path out = Files.createTempFile("exec", ".out");
    Path err = Files.createTempFile("exec", ".err");
    try {
      Process p = new ProcessBuilder(command).directory(ROOT.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(KUBECTL_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("%s did not finish within %d s", command, KUBECTL_SECONDS);
      }
      return new Output(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static Path onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    return Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, program))
        .filter(Files::isExecutable).findFirst().orElse(null);
  }

  private static <T> T only(List<HasMetadata> objects, Class<T> type) {
    List<T> matching = objects.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(matching).as("%s objects", type.getSimpleName()).hasSize(1);
    return matching.get(0);
  }

  private static void assertHttpProbe(Probe probe, String path, int port) {
    assertThat(probe).isNotNull();
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getIntVal()).isEqualTo(port);
  }

  /** The value of a container's variable, {@code null} when it is not set. */
  private static String env(Container c, String name) {
    return c.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst().orElse(null);
  }

  /** The pod volume mounted at {@code mountPath} in {@code c}. */
  private static Volume volumeAt(PodSpec pod, Container c, String mountPath) {
    String name = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(mountPath))
        .map(VolumeMount::getName).findFirst()
        .orElseThrow(() -> new AssertionError("nothing mounted at " + mountPath + " in " + c.getName()));
    return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no volume " + name));
  }

  private static List<Integer> ports(NetworkPolicyIngressRule rule) {
    return rule.getPorts().stream().map(NetworkPolicyPort::getPort).map(p -> p.getIntVal()).toList();
  }

  /** ${?NAME} in the packaged configuration and logback's ${NAME:-...}, plus the ones being added. */
  private static Set<String> environmentVariablesTheCodeReads() throws Exception {
    Set<String> names = new HashSet<>(ENV_BEING_ADDED);
    names.addAll(ENV_OF_THE_JVM);
    Pattern reference = Pattern.compile("\\$\\{\\??([A-Z][A-Z0-9_]*)(:-[^}]*)?}");
    try (Stream<Path> files = Files.list(ROOT.resolve("conf"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Matcher m = reference.matcher(Files.readString(f));
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    assertThat(names).as("variables found in conf/").contains("MLOPS_DB_URL", "MLOPS_DATA_DIR");
    return names;
  }
}
