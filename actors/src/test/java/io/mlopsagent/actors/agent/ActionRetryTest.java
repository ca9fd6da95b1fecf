package io.mlopsagent.actors.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActionRetryTest {
  @Test
  void anUnconfirmedActionIsTriedAgainUntilItsLastAttempt() {
    ActionRetry retry = new ActionRetry();
    for (int attempt = 1; attempt < ActionRetry.ATTEMPTS; attempt++) {
      assertThat(retry.failed(7, true)).as("attempt %d", attempt).isTrue();
      assertThat(retry.attempts()).isEqualTo(attempt);
    }
    assertThat(retry.failed(7, true)).as("the last attempt failed: journal it").isFalse();
  }

  @Test
  void anActionANewerOneReplacedIsNotTriedAgain() {
    assertThat(new ActionRetry().failed(7, false)).isFalse();
  }

  @Test
  void aNewActionStartsItsOwnCount() {
    ActionRetry retry = new ActionRetry();
    retry.failed(7, true);
    retry.failed(7, true);
    assertThat(retry.failed(9, true)).isTrue();
    assertThat(retry.attempts()).isEqualTo(1);
  }
}
