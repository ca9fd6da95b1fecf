package io.mlopsagent.agent.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.mlopsagent.actors.ports.ActionId;
import io.mlopsagent.agent.kubernetes.KubernetesSettings.TrafficSplit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DesiredDeploymentsTest {
  private final DesiredDeployments replicas = new DesiredDeployments(TrafficSplit.REPLICAS, "mlops.ai/version");
  private final DesiredDeployments gateway = new DesiredDeployments(TrafficSplit.GATEWAY_API, "mlops.ai/version");

  @ParameterizedTest
  @CsvSource({"4,0,0", "4,10,1", "4,25,1", "4,50,4", "4,75,12", "4,100,4", "10,10,1", "20,20,5"})
  void replicaSplitGivesTheCandidateItsShareOfPods(int stable, int weight, int candidate) {
    assertThat(replicas.candidateReplicas(stable, weight)).isEqualTo(candidate);
  }

  @ParameterizedTest
  @CsvSource({"4,0,1", "4,10,1", "4,50,2", "4,100,4", "10,25,3"})
  void gatewaySplitGivesTheCandidateCapacityForItsShareAndAPreviewOneReplica(int stable, int weight, int candidate) {
    assertThat(gateway.candidateReplicas(stable, weight)).isEqualTo(candidate);
  }

  @ParameterizedTest
  @CsvSource({
      "ml/fraud:v1, v2, ml/fraud:v2",
      "ml/fraud, v2, ml/fraud:v2",
      "registry.local:5000/ml/fraud, v2, registry.local:5000/ml/fraud:v2",
      "registry.local:5000/ml/fraud:v1@sha256:abc, v2, registry.local:5000/ml/fraud:v2",
  })
  void versionReplacesTheImageTagAndDropsAPinningDigest(String image, String version, String expected) {
    assertThat(ModelWorkloadConvention.imageWithTag(image, version)).isEqualTo(expected);
  }

  @Test
  void scalingWithoutACpuLimitSetsTheLimitToTheRequest() {
    Deployment stable = ModelFixture.stableDeployment();
    stable.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits().remove("cpu");

    Deployment scaled = replicas.scaled(stable, 3, 0.75, new ActionId("a"));

    Container server = scaled.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(server.getResources().getLimits().get("cpu").getNumericalAmount()).isEqualByComparingTo("0.75");
    assertThat(stable.getSpec().getReplicas()).as("the input is not changed").isEqualTo(4);
  }

  @Test
  void equalOwnedFieldsNeedNoWriteWhateverElseDiffers() {
    Deployment stable = ModelFixture.stableDeployment();
    Deployment other = DesiredDeployments.copy(stable);
    other.getMetadata().setResourceVersion("42");
    other.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests()
        .put("cpu", new io.fabric8.kubernetes.api.model.Quantity("0.5"));

    assertThat(OwnedFields.of(other)).isEqualTo(OwnedFields.of(stable));
    assertThat(OwnedFields.of(replicas.scaled(stable, 5, 0.5, new ActionId("a")))).isNotEqualTo(OwnedFields.of(stable));
  }
}
