package io.mlopsagent.actors.ports;

import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.persistence.CborSerializable;
import java.util.Set;

/**
 * A version of a model in the registry, with the validation accuracy it was registered with, its
 * tags (for instance {@code optimized}) and what the registry says of its artifact, which the
 * learner uses to predict how its deployment will go.
 *
 * @param sizeMb size of the artifact in MB, NaN when the registry does not say
 * @param complexity compute per request on a 0.1..10 scale, NaN when the registry does not say
 */
public record ModelVersion(ModelName model, String version, double validationAccuracy, Set<String> tags,
    double sizeMb, double complexity) implements CborSerializable {

  /** A version whose artifact the registry says nothing about. */
  public ModelVersion(ModelName model, String version, double validationAccuracy, Set<String> tags) {
    this(model, version, validationAccuracy, tags, Double.NaN, Double.NaN);
  }

  public ModelVersion {
    tags = Set.copyOf(tags);
  }

  public boolean tagged(String tag) {
    return tags.contains(tag);
  }

  /** The same version, with what is known of its artifact. */
  public ModelVersion withArtifact(double newSizeMb, double newComplexity) {
    return new ModelVersion(model, version, validationAccuracy, tags, newSizeMb, newComplexity);
  }
}
