package io.mlopsagent.agent.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.actors.ports.ModelVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the versions of one model that matter to the agent: the champion and the challenger, by
 * alias where the registry has aliases, else by stage (Production, Staging) as registries before
 * MLflow 2.3 and teams that never moved to aliases do.
 */
final class MlflowVersionReader {
  /** Version tags the learner reads: artifact size in MB, and compute per request (0.1..10). */
  static final String SIZE_TAG = "size_mb";
  static final String COMPLEXITY_TAG = "complexity";

  /** Tags that carry a number rather than a flag; kept as {@code key=value} so the value survives. */
  private static final Set<String> NUMERIC_TAGS = Set.of("model_size_mb", "complexity_score");

  private final MlflowRestClient api;
  private final MlflowSettings settings;

  MlflowVersionReader(MlflowRestClient api, MlflowSettings settings) {
    this.api = api;
    this.settings = settings;
  }

  /** The versions, newest first; empty when MLflow does not know the model. */
  CompletableFuture<List<ModelVersion>> read(ModelName model) {
    String name = settings.registeredName(model);
    CompletableFuture<Optional<JsonNode>> champion = api.versionByAlias(name, settings.championAlias());
    CompletableFuture<Optional<JsonNode>> challenger = api.versionByAlias(name, settings.challengerAlias());
    return champion.thenCombine(challenger, (a, b) -> List.of(a, b)).thenCompose(byAlias -> {
      List<String> missingStages = new ArrayList<>();
      if (byAlias.get(0).isEmpty()) {
        missingStages.add("Production");
      }
      if (byAlias.get(1).isEmpty()) {
        missingStages.add("Staging");
      }
      CompletableFuture<Optional<List<JsonNode>>> byStage = missingStages.isEmpty()
          ? CompletableFuture.completedFuture(Optional.of(List.of()))
          : api.latestVersions(name, missingStages);
      return byStage.thenCompose(staged -> {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        byAlias.forEach(v -> v.ifPresent(node -> found.putIfAbsent(node.path("version").asText(), node)));
        staged.orElse(List.of()).forEach(node -> found.putIfAbsent(node.path("version").asText(), node));
        found.remove("");
        return describeAll(model, name, List.copyOf(found.values()));
      });
    });
  }

  private CompletableFuture<List<ModelVersion>> describeAll(ModelName model, String name, List<JsonNode> nodes) {
    List<CompletableFuture<Optional<ModelVersion>>> described = nodes.stream()
        .map(node -> describe(model, name, node))
        .toList();
    return CompletableFuture.allOf(described.toArray(CompletableFuture[]::new)).thenApply(done -> described.stream()
        .map(CompletableFuture::join)
        .flatMap(Optional::stream)
        .sorted(Comparator.comparing((ModelVersion v) -> VersionOrder.of(v.version())).reversed())
        .toList());
  }

  /** A version with its tags: the alias and stage answers usually carry them, else they are fetched. */
  private CompletableFuture<Optional<ModelVersion>> describe(ModelName model, String name, JsonNode node) {
    String version = node.path("version").asText();
    CompletableFuture<Optional<JsonNode>> details = node.has("tags")
        ? CompletableFuture.completedFuture(Optional.of(node))
        : api.modelVersion(name, version);
    return details.thenCompose(d -> {
      if (d.isEmpty()) {
        return CompletableFuture.completedFuture(Optional.<ModelVersion>empty()); // deleted meanwhile
      }
      Map<String, String> tags = tags(d.get());
      CompletableFuture<OptionalDouble> accuracy = accuracy(tags, d.get().path("run_id").asText(""));
      return accuracy.thenApply(acc -> Optional.of(
          new ModelVersion(model, version, acc.orElse(Double.NaN), flags(tags))
              .withArtifact(number(tags.get(SIZE_TAG)), number(tags.get(COMPLEXITY_TAG)))));
    });
  }

  /** The accuracy tag wins; else the metric of the same name on the run that produced the version. */
  private CompletableFuture<OptionalDouble> accuracy(Map<String, String> tags, String runId) {
    String tagged = tags.get(settings.accuracyKey());
    if (tagged != null) {
      try {
        return CompletableFuture.completedFuture(OptionalDouble.of(Double.parseDouble(tagged.trim())));
      } catch (NumberFormatException e) {
        return CompletableFuture.completedFuture(OptionalDouble.empty());
      }
    }
    return runId.isEmpty()
        ? CompletableFuture.completedFuture(OptionalDouble.empty())
        : api.runMetric(runId, settings.accuracyKey());
  }

  /** A tag's number, NaN when absent or not a number: the learner treats both as unknown. */
  private static double number(String tag) {
    if (tag == null) {
      return Double.NaN;
    }
    try {
      double v = Double.parseDouble(tag.trim());
      return v >= 0 && Double.isFinite(v) ? v : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static Map<String, String> tags(JsonNode version) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (JsonNode tag : version.path("tags")) {
      tags.put(tag.path("key").asText(), tag.path("value").asText(""));
    }
    return tags;
  }

  /**
   * The agent's view of tags: a flag tag ({@code optimized = true}, or no value) by its key, a
   * numeric attribute as {@code key=value}; false flags, the accuracy and MLflow's own tags are left out.
   */
  private Set<String> flags(Map<String, String> tags) {
    Set<String> flags = new HashSet<>();
    tags.forEach((key, value) -> {
      String v = value.trim();
      if (key.isEmpty() || key.startsWith("mlflow.") || key.equals(settings.accuracyKey())) {
        return;
      }
      if (NUMERIC_TAGS.contains(key)) {
        flags.add(key + "=" + v);
      } else if (v.isEmpty() || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") || v.equals("1")) {
        flags.add(key);
      } else if (!(v.equalsIgnoreCase("false") || v.equalsIgnoreCase("no") || v.equals("0"))) {
        flags.add(key + "=" + v);
      }
    });
    return flags;
  }

  /** MLflow numbers versions 1, 2, 3...; numbers compare as numbers, anything else after them as text. */
  private record VersionOrder(long number, String text) implements Comparable<VersionOrder> {
    static VersionOrder of(String version) {
      try {
        return new VersionOrder(Long.parseLong(version), version);
      } catch (NumberFormatException e) {
        return new VersionOrder(Long.MIN_VALUE, version);
      }
    }

    @Override
    public int compareTo(VersionOrder o) {
      int byNumber = Long.compare(number, o.number);
      return byNumber != 0 ? byNumber : text.compareTo(o.text);
    }
  }
}
