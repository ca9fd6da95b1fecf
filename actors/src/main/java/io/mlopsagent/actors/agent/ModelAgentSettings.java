package io.mlopsagent.actors.agent;

import com.typesafe.config.Config;
import java.time.Duration;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * How a {@link ModelAgent} keeps its memory. Read from {@code mlops.agent} and checked at start, so
 * a bad value stops the daemon with a message instead of misbehaving later.
 *
 * @param snapshotEvery events between snapshots: bounds recovery to this many events
 * @param keepSnapshots snapshots kept per model
 * @param summaryWindows windows each rolling metric summary holds
 * @param minBackoff first restart delay after a journal failure
 * @param maxBackoff longest restart delay
 */
public record ModelAgentSettings(
    int snapshotEvery, int keepSnapshots, int summaryWindows, Duration minBackoff, Duration maxBackoff) {

  public ModelAgentSettings {
    require(snapshotEvery >= 1, "mlops.agent.snapshot-every", snapshotEvery, "an integer >= 1");
    require(keepSnapshots >= 1, "mlops.agent.keep-snapshots", keepSnapshots, "an integer >= 1");
    require(summaryWindows >= 2 && summaryWindows <= 10_000,
        "mlops.agent.summary-windows", summaryWindows, "an integer from 2 to 10000");
    require(!minBackoff.isNegative() && !minBackoff.isZero(),
        "mlops.agent.restart-backoff.min", minBackoff, "a positive duration");
    require(maxBackoff.compareTo(minBackoff) >= 0,
        "mlops.agent.restart-backoff.max", maxBackoff, "a duration >= restart-backoff.min");
  }

  /** When an entity snapshots its state, and how many snapshots it keeps. */
  public RetentionCriteria retention() {
    return RetentionCriteria.snapshotEvery(snapshotEvery, keepSnapshots);
  }

  public static ModelAgentSettings fromConfig(Config agent) {
    return new ModelAgentSettings(
        agent.getInt("snapshot-every"),
        agent.getInt("keep-snapshots"),
        agent.getInt("summary-windows"),
        agent.getDuration("restart-backoff.min"),
        agent.getDuration("restart-backoff.max"));
  }

  private static void require(boolean ok, String key, Object value, String allowed) {
    if (!ok) {
      throw new IllegalArgumentException(key + " = " + value + " is invalid: expected " + allowed);
    }
  }
}
