package io.mlopsagent.actors.ports;

import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.persistence.CborSerializable;
import java.util.Set;

/**
 * A version of a model in the registry, with the validation accuracy it was registered with and its
 * tags (for instance {@code optimized}).
 */
public record ModelVersion(ModelName model, String version, double validationAccuracy, Set<String> tags)
    implements CborSerializable {
  public ModelVersion {
    tags = Set.copyOf(tags);
  }

  public boolean tagged(String tag) {
    return tags.contains(tag);
  }
}
