package io.mlopsagent.agent.kubernetes;

import static io.mlopsagent.agent.kubernetes.Manifests.ROOT;
import static io.mlopsagent.agent.kubernetes.Manifests.only;
import static io.mlopsagent.agent.kubernetes.Manifests.render;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.mlopsagent.agent.config.AgentConfig;
import io.mlopsagent.agent.daemon.RealWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code kubectl apply -k k8s/overlays/<name>} would send, checked against the code: the
 * overlays rendered by {@code kubectl kustomize} (required: see {@link Manifests}), the agent's
 * configuration in them loaded as the agent loads it, its pods, network and secrets. The Role is
 * RbacMatchesCodeTest's; the monitoring files are MonitoringManifestsTest's.
 */
class RenderedManifestsTest {
  private static final String NAMESPACE = "mlops-ai-pipeline";
  private static final String CONFIG_DIR = "/etc/mlops";

  /** Environment variables the code does not read yet but the cluster work adds. */
  private static final Set<String> ENV_BEING_ADDED = Set.of("MLOPS_CLUSTER_BOOTSTRAP", "POD_IP");
  /** Read by the JVM itself. */
  private static final Set<String> ENV_OF_THE_JVM = Set.of("JAVA_TOOL_OPTIONS");

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
  void theAdminTokenIsReadFromTheOptionalSecretMountedAsAFile(String overlay) {
    List<HasMetadata> objects = render("k8s/overlays/" + overlay);
    PodSpec pod = only(objects, Deployment.class).getSpec().getTemplate().getSpec();
    Container agent = pod.getContainers().get(0);

    String tokenFile = env(agent, "MLOPS_ADMIN_TOKEN_FILE");
    assertThat(tokenFile).as("MLOPS_ADMIN_TOKEN_FILE (mlops.admin.token-file)").isNotBlank();
    assertThat(env(agent, "MLOPS_ADMIN_TOKEN")).as("a token in the manifest itself").isNull();
    Volume volume = volumeAt(pod, agent, Path.of(tokenFile).getParent().toString());
    assertThat(volume.getSecret().getSecretName()).isEqualTo("mlops-admin-token");
    // Optional: without it the agent runs, serves reads and refuses every change.
    assertThat(volume.getSecret().getOptional()).isTrue();
    assertThat(volume.getSecret().getItems()).isNullOrEmpty(); // the key "token" keeps its name
    assertThat(Path.of(tokenFile).getFileName().toString()).isEqualTo("token");
    assertThat(objects).as("the token itself is never in the repository").noneMatch(o -> o.getKind().equals("Secret"));
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
  void theNetworkPolicyOpensAdminToTheNamespaceAndMonitoringAndManagementAndRemotingToPeersOnly(String overlay) {
    List<HasMetadata> objects = render("k8s/overlays/" + overlay);
    NetworkPolicy policy = only(objects, NetworkPolicy.class);
    Map<String, String> podLabels = only(objects, Deployment.class).getSpec().getTemplate().getMetadata().getLabels();

    assertThat(podLabels).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(policy.getSpec().getIngress()).allSatisfy(rule -> {
      // A rule without ports opens every port; one without peers opens it to everyone.
      assertThat(rule.getPorts()).as("ports of %s", rule).isNotEmpty();
      assertThat(rule.getFrom()).as("peers of %s", rule).isNotEmpty();
    });

    assertThat(peersOf(policy, 8080, podLabels)).containsExactlyInAnyOrder("this namespace", "namespace monitoring");
    assertThat(peersOf(policy, 8558, podLabels)).containsExactly("the agent's pods");
    assertThat(peersOf(policy, 25520, podLabels)).containsExactly("the agent's pods");
    assertThat(policy.getSpec().getIngress()).flatExtracting(NetworkPolicyIngressRule::getPorts)
        .extracting(p -> p.getPort().getIntVal()).containsOnly(8080, 8558, 25520);
  }

  /** Who the policy lets reach {@code port}, each peer in words (a peer of another kind fails). */
  private static List<String> peersOf(NetworkPolicy policy, int port, Map<String, String> agentPods) {
    List<String> peers = new ArrayList<>();
    for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
      if (ports(rule).contains(port)) {
        assertThat(rule.getPorts()).allSatisfy(p -> assertThat(p.getProtocol()).isEqualTo("TCP"));
        rule.getFrom().forEach(peer -> peers.add(describe(peer, agentPods)));
      }
    }
    return peers;
  }

  private static String describe(NetworkPolicyPeer peer, Map<String, String> agentPods) {
    assertThat(peer.getIpBlock()).as("ipBlock peer").isNull();
    if (peer.getNamespaceSelector() != null) {
      assertThat(peer.getPodSelector()).as("pods selected in another namespace").isNull();
      assertThat(peer.getNamespaceSelector().getMatchExpressions()).isNullOrEmpty();
      assertThat(peer.getNamespaceSelector().getMatchLabels()).hasSize(1);
      return "namespace " + peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
    }
    assertThat(peer.getPodSelector().getMatchExpressions()).isNullOrEmpty();
    Map<String, String> selected = peer.getPodSelector().getMatchLabels();
    if (selected == null || selected.isEmpty()) {
      return "this namespace";
    }
    assertThat(agentPods).as("pods selected by %s", selected).containsAllEntriesOf(selected);
    return "the agent's pods";
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

  // ---------------------------------------------------------------- helpers

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
