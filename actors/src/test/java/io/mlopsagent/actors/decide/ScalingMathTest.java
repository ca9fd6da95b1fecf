package io.mlopsagent.actors.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.policy.ScalingPolicy;
import io.mlopsagent.actors.policy.ScalingResource;
import io.mlopsagent.actors.ports.Workload;
import org.junit.jupiter.api.Test;

/** How far to scale: factor 1.5 between 1 and 20 replicas and 0.25 and 8 cores, cpu-high 0.8. */
class ScalingMathTest {
  private static final double CPU_HIGH = 0.8;

  private static ScalingPolicy policy(ScalingResource resource) {
    return new ScalingPolicy(true, 1, 20, 1.5, resource, 0.25, 8);
  }

  private static Workload workload(int replicas, double cpuCores) {
    return new Workload(ModelName.of("fraud-scoring"), "v1", null, 0, replicas, cpuCores, 1L << 30);
  }

  @Test
  void outMultipliesReplicasRoundingUpAndCappedAtMax() {
    assertThat(ScalingMath.out(workload(4, 1.0), policy(ScalingResource.REPLICAS))).containsExactly(6, 1.0);
    assertThat(ScalingMath.out(workload(3, 1.0), policy(ScalingResource.REPLICAS))).containsExactly(5, 1.0);
    assertThat(ScalingMath.out(workload(15, 1.0), policy(ScalingResource.REPLICAS))).containsExactly(20, 1.0);
  }

  @Test
  void outAtMaxReplicasIsNull() {
    assertThat(ScalingMath.out(workload(20, 1.0), policy(ScalingResource.REPLICAS))).isNull();
  }

  @Test
  void outMultipliesCpuCappedAtMaxCpu() {
    assertThat(ScalingMath.out(workload(4, 1.0), policy(ScalingResource.CPU))).containsExactly(4, 1.5);
    assertThat(ScalingMath.out(workload(4, 6.0), policy(ScalingResource.CPU))).containsExactly(4, 8.0);
  }

  @Test
  void outAtMaxCpuIsNull() {
    assertThat(ScalingMath.out(workload(4, 8.0), policy(ScalingResource.CPU))).isNull();
  }

  @Test
  void outOfBothAddsReplicasFirstThenCpuOnceReplicasAreAtMax() {
    assertThat(ScalingMath.out(workload(4, 1.0), policy(ScalingResource.BOTH))).containsExactly(6, 1.0);
    assertThat(ScalingMath.out(workload(20, 1.0), policy(ScalingResource.BOTH))).containsExactly(20, 1.5);
    assertThat(ScalingMath.out(workload(20, 8.0), policy(ScalingResource.BOTH))).isNull();
  }

  @Test
  void inDividesReplicasRoundingDownNeverBelowMin() {
    assertThat(ScalingMath.in(workload(4, 1.0), policy(ScalingResource.REPLICAS), 0.1, CPU_HIGH))
        .containsExactly(2, 1.0);
    ScalingPolicy minThree = new ScalingPolicy(true, 3, 20, 1.5, ScalingResource.REPLICAS, 0.25, 8);
    assertThat(ScalingMath.in(workload(4, 1.0), minThree, 0.1, CPU_HIGH)).containsExactly(3, 1.0);
  }

  @Test
  void inAtMinReplicasIsNull() {
    assertThat(ScalingMath.in(workload(1, 1.0), policy(ScalingResource.REPLICAS), 0.1, CPU_HIGH)).isNull();
  }

  @Test
  void inDividesCpuNeverBelowMinCpu() {
    assertThat(ScalingMath.in(workload(4, 1.5), policy(ScalingResource.CPU), 0.1, CPU_HIGH))
        .containsExactly(4, 1.0);
    assertThat(ScalingMath.in(workload(4, 0.3), policy(ScalingResource.CPU), 0.1, CPU_HIGH))
        .containsExactly(4, 0.25);
    assertThat(ScalingMath.in(workload(4, 0.25), policy(ScalingResource.CPU), 0.1, CPU_HIGH)).isNull();
  }

  @Test
  void inOfBothRemovesReplicasFirstThenCpuOnceReplicasAreAtMin() {
    assertThat(ScalingMath.in(workload(4, 1.5), policy(ScalingResource.BOTH), 0.1, CPU_HIGH))
        .containsExactly(2, 1.5);
    assertThat(ScalingMath.in(workload(1, 1.5), policy(ScalingResource.BOTH), 0.1, CPU_HIGH))
        .containsExactly(1, 1.0);
    assertThat(ScalingMath.in(workload(1, 0.25), policy(ScalingResource.BOTH), 0.1, CPU_HIGH)).isNull();
  }

  @Test
  void inKeepsEnoughReplicasForTheRestToStayBelowThreeQuartersOfCpuHigh() {
    ScalingPolicy byFour = new ScalingPolicy(true, 1, 20, 4, ScalingResource.REPLICAS, 0.25, 8);
    // 8 / 4 = 2 replicas would run at 0.76, 3 at 0.51: the limit is 0.75 x 0.8 = 0.6.
    assertThat(ScalingMath.in(workload(8, 1.0), byFour, 0.19, CPU_HIGH)).containsExactly(3, 1.0);
  }

  @Test
  void inIsNullWhenAnyScaleInWouldRunTooHot() {
    // limit 0.75 x 0.25 = 0.1875: 0.19 is above it already.
    assertThat(ScalingMath.in(workload(4, 1.0), policy(ScalingResource.REPLICAS), 0.19, 0.25)).isNull();
    assertThat(ScalingMath.in(workload(4, 1.5), policy(ScalingResource.CPU), 0.19, 0.25)).isNull();
  }

  @Test
  void inOfCpuIsNullWhenTheSmallerRequestWouldRunTooHot() {
    ScalingPolicy byFour = new ScalingPolicy(true, 1, 20, 4, ScalingResource.CPU, 0.25, 8);
    // 2 / 4 = 0.5 cores would run at 0.76, above 0.6.
    assertThat(ScalingMath.in(workload(4, 2.0), byFour, 0.19, CPU_HIGH)).isNull();
  }

  @Test
  void outNeverLowersReplicasAlreadyAboveMax() {
    // Policy max lowered to 20 (or an operator scaled by hand) while 25 replicas run saturated.
    assertThat(ScalingMath.out(workload(25, 1.0), policy(ScalingResource.REPLICAS))).isNull();
  }

  @Test
  void scalingOutFollowsTheLoadWhenTheLoadAsksForMoreThanTheFactor() {
    // 4 replicas at 300 % of their CPU: 4 x 3.0 / 0.6 = 20 replicas bring it back to 60 %.
    assertThat(ScalingMath.out(workload(4, 1.0), policy(ScalingResource.REPLICAS), 3.0, 0.8)).containsExactly(20, 1.0);
    // At 85 % the factor (1.5) asks for more than the load (85 / 60 = 1.42): the factor wins.
    assertThat(ScalingMath.out(workload(4, 1.0), policy(ScalingResource.REPLICAS), 0.85, 0.8)).containsExactly(6, 1.0);
    // Never past the policy's maximum.
    assertThat(ScalingMath.out(workload(4, 1.0), policy(ScalingResource.REPLICAS), 9.0, 0.8)).containsExactly(20, 1.0);
  }
}
