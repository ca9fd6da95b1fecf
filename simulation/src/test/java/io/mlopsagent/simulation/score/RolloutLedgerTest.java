package io.mlopsagent.simulation.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.Workload;
import io.mlopsagent.simulation.world.SimulatedCluster.Change;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RolloutLedgerTest {
  private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");
  private final RolloutLedger ledger = new RolloutLedger();

  @Test
  void theRolloutsAfterTheNthOutcomeAreThoseThatStartedOnceItHadFinished() {
    rollout("a", "v2", 0, 30, true);   // outcome 1, ends at 30 min
    rollout("b", "v2", 10, 60, false); // outcome 2, ends at 60 min
    rollout("c", "v2", 50, 70, true);  // started before the 2nd outcome ended: not counted later
    rollout("d", "v2", 61, 71, true);  // 10 minutes
    rollout("e", "v2", 65, 95, false); // 30 minutes, failed

    RolloutLedger.Later later = ledger.after(2).orElseThrow();

    assertThat(later.rollouts()).isEqualTo(2);
    assertThat(later.meanMinutes()).isEqualTo(20.0);
    assertThat(later.failed()).isEqualTo(1);
    assertThat(later.failedShare()).isEqualTo(0.5);
  }

  @Test
  void aRollbackAfterTheNthOutcomeIsAFailureOfThatTime() {
    rollout("a", "v2", 0, 10, true);
    rollout("b", "v2", 20, 30, true);
    // a's promoted v2 is switched back to v1 at 40 minutes: a rollback.
    ledger.applied(at(40), ModelName.of("a"), Change.SET_STABLE, workload("a", "v2", null), workload("a", "v1", null));

    RolloutLedger.Later later = ledger.after(1).orElseThrow();

    assertThat(later.rollouts()).isEqualTo(1);
    assertThat(later.failed()).isEqualTo(1);
    assertThat(ledger.failed()).isEqualTo(1);
  }

  @Test
  void noFiguresWithoutMoreOutcomesThanAsked() {
    rollout("a", "v2", 0, 10, true);
    rollout("b", "v2", 5, 20, true);

    assertThat(ledger.after(2)).isEmpty();
    assertThat(ledger.after(1)).isPresent();
  }

  private void rollout(String model, String version, int startMinute, int endMinute, boolean succeeded) {
    ModelName m = ModelName.of(model);
    ledger.applied(at(startMinute), m, Change.DEPLOY_CANDIDATE, workload(model, "v1", null),
        workload(model, "v1", version));
    ledger.applied(at(endMinute), m, succeeded ? Change.PROMOTE : Change.REMOVE_CANDIDATE,
        workload(model, "v1", version), succeeded ? workload(model, version, null) : workload(model, "v1", null));
  }

  private static Workload workload(String model, String stable, String candidate) {
    return new Workload(ModelName.of(model), stable, candidate, candidate == null ? 0 : 10, 2, 1.0, 1L << 30);
  }

  private static Instant at(int minute) {
    return T0.plus(Duration.ofMinutes(minute));
  }
}
