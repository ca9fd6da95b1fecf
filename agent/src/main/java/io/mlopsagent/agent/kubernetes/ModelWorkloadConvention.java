package io.mlopsagent.agent.kubernetes;

import java.util.Map;

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
 *   <li>With {@code blue-green-switch = service-selector} the candidate is named after the slot
 *       ({@code mlops.ai/slot}, blue or green) its pods take: {@code <base>-green} next to a blue
 *       or unslotted stable, {@code <base>-blue} next to a green one, where {@code <base>} is the
 *       stable name without its slot suffix. The model's Service selects one slot; a promotion
 *       moves it to the candidate's, and the candidate becomes the stable Deployment.
 *   <li>The actuator owns three annotations: {@code mlops.ai/last-action} (the id of the last action
 *       applied, for idempotency), on the candidate {@code mlops.ai/candidate-weight}, and on the
 *       stable Deployment during a rolling update {@code mlops.ai/rolling} ({@link RollingUpdate}).
 * </ul>
 */
final class ModelWorkloadConvention {
  static final String MODEL_LABEL = "mlops.ai/model";
  static final String ROLE_LABEL = "mlops.ai/role";
  static final String ROLE_STABLE = "stable";
  static final String ROLE_CANDIDATE = "candidate";
  static final String LAST_ACTION = "mlops.ai/last-action";
  static final String CANDIDATE_WEIGHT = "mlops.ai/candidate-weight";
  /** On the stable Deployment during a rolling update: {@code <replicas before>/<last batch's percent>}. */
  static final String ROLLING = "mlops.ai/rolling";
  static final String CANDIDATE_SUFFIX = "-candidate";
  static final String SLOT_LABEL = "mlops.ai/slot";
  static final String SLOT_BLUE = "blue";
  static final String SLOT_GREEN = "green";
  static final String PREVIEW_SUFFIX = "-preview";

  private ModelWorkloadConvention() {}

  static String candidateName(String stableName) {
    return stableName + CANDIDATE_SUFFIX;
  }

  /** The slot a pod template's labels put its pods in; an unslotted stable counts as blue. */
  static String slotOf(Map<String, String> podLabels) {
    String slot = podLabels == null ? null : podLabels.get(SLOT_LABEL);
    return slot == null ? SLOT_BLUE : slot;
  }

  static String otherSlot(String slot) {
    return SLOT_GREEN.equals(slot) ? SLOT_BLUE : SLOT_GREEN;
  }

  /** {@code <base>-<slot>}: the suffix of the current slot is replaced, so names do not grow with each release. */
  static String slottedName(String stableName, String slot) {
    String base = stableName;
    for (String s : new String[] {SLOT_BLUE, SLOT_GREEN}) {
      if (base.endsWith("-" + s)) {
        base = base.substring(0, base.length() - s.length() - 1);
      }
    }
    return base + "-" + slot;
  }

  static String previewName(String serviceName) {
    return serviceName + PREVIEW_SUFFIX;
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
