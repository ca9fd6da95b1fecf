package io.mlopsagent.agent.kubernetes;

/**
 * How a model's workload looks in Kubernetes (see {@code docs/KUBERNETES.md}):
 *
 * <ul>
 *   <li>The <b>stable</b> Deployment carries the label {@code mlops.ai/model=<name>} and either
 *       {@code mlops.ai/role=stable} or no role label. It lives in one of the configured namespaces.
 *   <li>The <b>version</b> is the pod-template label named by {@code mlops.kubernetes.version-label}
 *       (default {@code mlops.ai/version}), and the tag of the <em>first</em> container's image
 *       equals it: changing the version sets both. Sidecars are never touched.
 *   <li>The <b>candidate</b> (canary or blue-green preview) is a second Deployment named
 *       {@code <stable-name>-candidate}, labelled {@code mlops.ai/role=candidate}, made from the
 *       stable pod template with the version swapped and {@code mlops.ai/role=candidate} added to
 *       its selector and pod labels.
 *   <li>The actuator owns two annotations: {@code mlops.ai/last-action} (the id of the last action
 *       applied, for idempotency) and, on the candidate, {@code mlops.ai/candidate-weight}.
 * </ul>
 */
final class ModelWorkloadConvention {
  static final String MODEL_LABEL = "mlops.ai/model";
  static final String ROLE_LABEL = "mlops.ai/role";
  static final String ROLE_STABLE = "stable";
  static final String ROLE_CANDIDATE = "candidate";
  static final String LAST_ACTION = "mlops.ai/last-action";
  static final String CANDIDATE_WEIGHT = "mlops.ai/candidate-weight";
  static final String CANDIDATE_SUFFIX = "-candidate";

  private ModelWorkloadConvention() {}

  static String candidateName(String stableName) {
    return stableName + CANDIDATE_SUFFIX;
  }

  /** The image with its tag replaced; a digest is dropped, since it would pin the old version. */
  static String imageWithTag(String image, String tag) {
    return repository(image) + ":" + tag;
  }

  /** The tag of an image reference, or null when it has none. */
  static String tagOf(String image) {
    String withoutDigest = stripDigest(image);
    int colon = withoutDigest.lastIndexOf(':');
    // A colon before the last '/' belongs to a registry port (host:5000/repo), not to a tag.
    return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(colon + 1) : null;
  }

  private static String repository(String image) {
    String withoutDigest = stripDigest(image);
    int colon = withoutDigest.lastIndexOf(':');
    return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
  }

  private static String stripDigest(String image) {
    int at = image.indexOf('@');
    return at < 0 ? image : image.substring(0, at);
  }
}
