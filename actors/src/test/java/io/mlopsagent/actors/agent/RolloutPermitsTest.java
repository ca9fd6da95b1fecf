package io.mlopsagent.actors.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.actors.model.ModelName;
import org.junit.jupiter.api.Test;

class RolloutPermitsTest {
  private final RolloutPermits permits = new RolloutPermits();
  private final ModelName a = ModelName.of("a");
  private final ModelName b = ModelName.of("b");
  private final ModelName c = ModelName.of("c");

  @Test
  void grantsUpToTheCapAndAgainOnceOneIsReleased() {
    assertThat(permits.tryAcquire(a, 2)).isTrue();
    assertThat(permits.tryAcquire(b, 2)).isTrue();
    assertThat(permits.tryAcquire(c, 2)).isFalse();

    permits.release(a);

    assertThat(permits.tryAcquire(c, 2)).isTrue();
    assertThat(permits.inUse()).isEqualTo(2);
  }

  @Test
  void aHolderAskingAgainKeepsItsPermit() {
    permits.tryAcquire(a, 1);

    assertThat(permits.tryAcquire(a, 1)).isTrue();
    assertThat(permits.inUse()).isEqualTo(1);
  }

  @Test
  void aRecoveredRolloutHoldsAPermitEvenAboveTheCap() {
    permits.tryAcquire(a, 1);
    permits.hold(b);

    assertThat(permits.inUse()).isEqualTo(2);
    assertThat(permits.tryAcquire(c, 2)).isFalse();
  }
}
