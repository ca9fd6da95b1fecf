package io.mlopsagent.agent.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The manifest grants exactly what the code uses: {@link KubernetesActuator#RBAC_RULES}, and what
 * cluster bootstrap's Kubernetes API discovery needs ({@link #DISCOVERY_RULES}).
 */
class RbacMatchesCodeTest {
  // Tests run in the agent module's directory; the manifests live at the repository root.
  private static final Path RBAC = Path.of("..", "k8s", "base", "rbac.yaml");

  /** Pekko Management's Kubernetes API discovery: it lists (and may watch) the agent's own pods. */
  static final List<RbacRule> DISCOVERY_RULES = List.of(new RbacRule("", "pods", List.of("get", "list", "watch")));

  /** Everything the agent's Role must grant, no more. */
  static List<RbacRule> expectedRules() {
    List<RbacRule> all = new ArrayList<>(KubernetesActuator.RBAC_RULES);
    all.addAll(DISCOVERY_RULES);
    return all;
  }

  @Test
  void roleGrantsExactlyTheRulesTheCodeUses() throws Exception {
    Role role = only(load(), Role.class);

    assertThat(role.getMetadata().getName()).isEqualTo("mlops-agent");
    assertThat(flatten(role.getRules())).isEqualTo(flatten(expectedRules()));
  }

  @Test
  void bindingGivesTheRoleToTheAgentsServiceAccount() throws Exception {
    List<HasMetadata> objects = load();
    ServiceAccount account = only(objects, ServiceAccount.class);
    RoleBinding binding = only(objects, RoleBinding.class);

    assertThat(account.getMetadata().getName()).isEqualTo("mlops-agent");
    assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
    assertThat(binding.getRoleRef().getName()).isEqualTo("mlops-agent");
    assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
      assertThat(s.getKind()).isEqualTo("ServiceAccount");
      assertThat(s.getName()).isEqualTo("mlops-agent");
    });
  }

  private static List<HasMetadata> load() throws Exception {
    List<HasMetadata> objects = new ArrayList<>();
    for (String doc : Files.readString(RBAC).split("(?m)^---\\s*$")) {
      if (!doc.isBlank()) {
        objects.add(Serialization.unmarshal(doc, HasMetadata.class));
      }
    }
    return objects;
  }

  private static <T> T only(List<HasMetadata> objects, Class<T> type) {
    List<T> matching = objects.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(matching).as("%s objects in %s", type.getSimpleName(), RBAC).hasSize(1);
    return matching.get(0);
  }

  /** "group/resource: verbs" per resource, so grouping rules differently in YAML does not matter. */
  static Set<String> flatten(List<?> rules) {
    Set<String> flat = new HashSet<>();
    for (Object rule : rules) {
      if (rule instanceof PolicyRule p) {
        for (String group : p.getApiGroups()) {
          for (String resource : p.getResources()) {
            flat.add(group + "/" + resource + ": " + new TreeSet<>(p.getVerbs()));
          }
        }
      } else if (rule instanceof RbacRule r) {
        flat.add(r.apiGroup() + "/" + r.resource() + ": " + new TreeSet<>(r.verbs()));
      }
    }
    return flat;
  }
}
