package io.mlopsagent.actors.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlopsagent.actors.rollout.Strategy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A request is checked where it comes in, and says what was wrong and what is allowed. */
class PlanRequestTest {
  private static final Instant AT = PlanFixtures.monday(10, 0);
  private static final DeploymentFeatures NOW = PlanFixtures.features(50, 1, AT);
  private static final FleetLoadProfile FLEET = FleetLoadProfile.empty();

  private static PlanRequest request(DeploymentFeatures now, List<Integer> weights, CpuRecommendation cpu,
      double maxCpu, Duration maxDelay) {
    return new PlanRequest(now, AT, false, weights, cpu, FLEET, maxCpu, maxDelay);
  }

  @Test
  void rejectsMissingPartsNamingThem() {
    assertThatThrownBy(() -> request(null, List.of(20, 100), CpuRecommendation.none(), 4, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("now was null, allowed is the deployment's features as the policy would plan it now");
    assertThatThrownBy(() -> new PlanRequest(NOW, null, false, List.of(20, 100), CpuRecommendation.none(), FLEET, 4,
        Duration.ZERO)).hasMessage("at was null, allowed is the moment of planning");
    assertThatThrownBy(() -> request(NOW, List.of(20, 100), null, 4, Duration.ZERO))
        .hasMessage("cpu was null, allowed is a recommendation, or CpuRecommendation.none()");
    assertThatThrownBy(() -> new PlanRequest(NOW, AT, false, List.of(20, 100), CpuRecommendation.none(), null, 4,
        Duration.ZERO)).hasMessage("fleet was null, allowed is a load profile, or FleetLoadProfile.empty()");
    assertThatThrownBy(() -> request(NOW, null, CpuRecommendation.none(), 4, Duration.ZERO))
        .hasMessageStartingWith("policyCanaryWeights was null");
  }

  @Test
  void rejectsANegativeDelayAndABadCap() {
    assertThatThrownBy(() -> request(NOW, List.of(20, 100), CpuRecommendation.none(), 4, Duration.ofHours(-1)))
        .hasMessage("maxDelay was PT-1H, allowed is zero or more");
    assertThatThrownBy(() -> request(NOW, List.of(20, 100), CpuRecommendation.none(), 4, null))
        .hasMessage("maxDelay was null, allowed is zero or more");
    assertThatThrownBy(() -> request(NOW, List.of(20, 100), CpuRecommendation.none(), 0, Duration.ZERO))
        .hasMessage("maxCpuCores was 0.0, allowed is 0.05 or more");
  }

  @Test
  void weightsMustFitThePolicysStrategy() {
    assertThatThrownBy(() -> request(NOW, List.of(), CpuRecommendation.none(), 4, Duration.ZERO))
        .hasMessage("policyCanaryWeights was [], allowed is for a canary policy: "
            + "steps must increase strictly from 1 to 100, ending at 100");
    DeploymentFeatures blueGreen = NOW.withPlan(Strategy.BLUE_GREEN, 1, 1.0);
    assertThatThrownBy(() -> request(blueGreen, List.of(20, 100), CpuRecommendation.none(), 4, Duration.ZERO))
        .hasMessage("policyCanaryWeights was [20, 100], allowed is for a BLUE_GREEN policy: none");
  }

  @Test
  void theCurrentCpuMustBeKnown() {
    assertThatThrownBy(() -> request(NOW.withPlan(Strategy.CANARY, 2, Double.NaN), List.of(20, 100),
        CpuRecommendation.none(), 4, Duration.ZERO))
        .hasMessage("now.cpuCores was NaN, allowed is the current CPU per replica, more than 0");
  }

  @Test
  void usageBasedCpuIsTheTargetWithinItsLowerBoundAndTheCap() {
    assertThat(request(NOW, List.of(20, 100), PlanFixtures.usage(0.8, 0.5), 4, Duration.ZERO).usageBasedCores())
        .isEqualTo(0.8);
    assertThat(request(NOW, List.of(20, 100), PlanFixtures.usage(6, 5), 4, Duration.ZERO).usageBasedCores())
        .isEqualTo(4);
    assertThat(request(NOW, List.of(20, 100), PlanFixtures.usage(0.01, 0.01), 4, Duration.ZERO).usageBasedCores())
        .isEqualTo(0.05);
    assertThat(request(NOW, List.of(20, 100), CpuRecommendation.none(), 4, Duration.ZERO).usageBasedCores())
        .isEqualTo(1.0); // the current CPU
  }
}
