package io.mlopsagent.actors.control;

import io.mlopsagent.persistence.CborSerializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One change an operator made through the admin API: who, when, what, on what, why, and how it
 * ended.
 *
 * @param action pause, resume, promote, abort, rollback, fleet_pause, fleet_resume, deploy or
 *     policies_reload
 * @param target the model's name, or {@code fleet}
 * @param outcome what happened: {@code ok}, or why it was refused
 */
public record AuditEntry(Instant at, String who, String action, String target, String reason, String outcome)
    implements CborSerializable {
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(who, "who");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    reason = reason == null ? "" : reason;
    outcome = outcome == null ? "ok" : outcome;
  }
}
