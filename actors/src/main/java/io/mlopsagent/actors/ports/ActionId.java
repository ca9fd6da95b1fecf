package io.mlopsagent.actors.ports;

import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.persistence.CborSerializable;

/**
 * Identifies one side effect: derived from the model and the sequence number of the event that
 * decided it, so a retry, a replay or a second node asking again is recognised as the same action
 * and applied at most once in effect.
 */
public record ActionId(String value) implements CborSerializable {
  public ActionId {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("action id must not be blank");
    }
  }

  public static ActionId of(ModelName model, long sequenceNr) {
    return new ActionId(model.value() + "#" + sequenceNr);
  }
}
