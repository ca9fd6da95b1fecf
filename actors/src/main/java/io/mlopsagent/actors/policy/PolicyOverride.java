package io.mlopsagent.actors.policy;

import io.mlopsagent.persistence.CborSerializable;
import java.util.Objects;

/**
 * One entry of {@code policies.overrides}: the models it applies to and the complete policy they
 * get (the override's own fields, the default's for the rest). Its name is {@code policy.name()}.
 */
public record PolicyOverride(PolicyMatch match, Policy policy) implements CborSerializable {
  public PolicyOverride {
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(policy, "policy");
  }
}
