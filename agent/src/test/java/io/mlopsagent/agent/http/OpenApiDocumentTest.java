package io.mlopsagent.agent.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlopsagent.actors.model.ModelName;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged OpenAPI document: well formed, complete for the admin API, and consistent. */
class OpenApiDocumentTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every operation of the admin API (docs/ and the contract): method and path. */
  private static final List<String> OPERATIONS = List.of(
      "get /healthz", "get /readyz", "get /metrics", "get /api/openapi.json", "get /api/fleet", "get /api/models",
      "get /api/models/{name}", "get /api/models/{name}/history", "get /api/models/{name}/decisions",
      "get /api/models/{name}/plan", "get /api/models/{name}/policy", "get /api/models/{name}/deployments/{id}",
      "get /api/decisions", "get /api/audit", "get /api/learner", "get /api/cluster",
      "post /api/models/{name}/pause", "post /api/models/{name}/resume", "post /api/models/{name}/promote",
      "post /api/models/{name}/abort", "post /api/models/{name}/rollback", "post /api/models/{name}/deployments",
      "post /api/fleet/pause", "post /api/fleet/resume", "post /api/policies/reload",
      "post /api/models/{name}/rollout/{answer}");

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private final JsonNode doc = parse(OpenApiDocument.load().bytes());

  @Test
  void isAnOpenApi30DocumentOfTheAdminApi() {
    assertThat(OpenApiDocument.load().openapiVersion()).matches("3\\.0\\.\\d+");
    assertThat(doc.path("openapi").asText()).matches("3\\.0\\.\\d+");
    assertThat(doc.path("info").path("title").asText()).isEqualTo("mlops-agent admin API");
    assertThat(doc.path("info").path("version").asText()).isEqualTo("1");
  }

  @Test
  void documentsEveryOperationAndNoOther() {
    List<String> documented = new ArrayList<>();
    doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
      if (METHODS.contains(method.getKey())) {
        documented.add(method.getKey() + " " + path.getKey());
      }
    }));
    assertThat(documented).containsExactlyInAnyOrderElementsOf(OPERATIONS);
  }

  @Test
  void everyPostNeedsTheBearerTokenAndSaysWhatHappensWithoutIt() {
    JsonNode scheme = doc.path("components").path("securitySchemes").path("bearer");
    assertThat(scheme.path("type").asText()).isEqualTo("http");
    assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");

    operations().forEach((operation, op) -> {
      if (!operation.startsWith("post ")) {
        return;
      }
      // Exactly one requirement, the bearer scheme: an extra {} would make the token optional.
      assertThat(op.path("security")).as("%s security", operation).hasSize(1);
      assertThat(op.path("security").get(0).has("bearer")).as("%s security", operation).isTrue();
      for (String status : List.of("401", "403", "413", "429")) {
        assertThat(op.path("responses").has(status)).as("%s documents %s", operation, status).isTrue();
      }
      assertThat(resolve(op.path("responses").path("401")).path("headers").has("WWW-Authenticate"))
          .as("%s: 401 names WWW-Authenticate", operation).isTrue();
      assertThat(resolve(op.path("responses").path("429")).path("headers").has("Retry-After"))
          .as("%s: 429 names Retry-After", operation).isTrue();
      assertThat(op.path("parameters").toString()).as("%s takes X-Mlops-Actor", operation)
          .contains("#/components/parameters/Actor");
    });
  }

  @Test
  void readsOfTheApiTakeTheTokenOptionallyAndProbesNever() {
    operations().forEach((operation, op) -> {
      if (!operation.startsWith("get ")) {
        return;
      }
      boolean probe = Set.of("get /healthz", "get /readyz", "get /metrics", "get /api/openapi.json").contains(operation);
      if (probe) {
        assertThat(op.path("security")).as("%s needs no token", operation).isEmpty();
      } else {
        // {} (no token) or the bearer token: mlops.admin.read-requires-token decides.
        assertThat(op.path("security").toString()).as(operation).isEqualTo("[{},{\"bearer\":[]}]");
        assertThat(op.path("responses").has("401")).as("%s documents 401", operation).isTrue();
        assertThat(op.path("responses").has("403")).as("%s documents 403", operation).isTrue();
      }
    });
  }

  @Test
  void everyRefResolves() {
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).as("a local reference").startsWith("#/components/");
      assertThat(doc.at(ref.substring(1)).isMissingNode()).as("%s resolves", ref).isFalse();
    }
  }

  @Test
  void everyPathTemplateVariableIsAPathParameter() {
    Pattern variable = Pattern.compile("\\{([^}]+)}");
    operations().forEach((operation, op) -> {
      Set<String> inPath = new TreeSet<>();
      Matcher m = variable.matcher(operation);
      while (m.find()) {
        inPath.add(m.group(1));
      }
      Set<String> declared = new TreeSet<>();
      for (JsonNode p : op.path("parameters")) {
        JsonNode param = resolve(p);
        if (param.path("in").asText().equals("path")) {
          assertThat(param.path("required").asBoolean()).as("%s: path parameter required", operation).isTrue();
          declared.add(param.path("name").asText());
        }
      }
      assertThat(declared).as("%s path parameters", operation).isEqualTo(inPath);
    });
  }

  @Test
  void errorsAreProblems() {
    JsonNode problem = doc.at("/components/schemas/Problem");
    assertThat(problem.path("required")).extracting(JsonNode::asText).containsExactly("status", "error");
    doc.path("components").path("responses").properties().forEach(r -> assertThat(
        r.getValue().at("/content/application~1json/schema/$ref").asText()).as(r.getKey())
        .isEqualTo("#/components/schemas/Problem"));
  }

  @Test
  void boundsMatchWhatTheServerChecks() {
    // The decision types a filter accepts are the journal's.
    List<String> types = new ArrayList<>();
    doc.at("/components/parameters/DecisionType/schema/enum").forEach(t -> types.add(t.asText()));
    assertThat(types).containsExactlyInAnyOrderElementsOf(DecisionJournal.TYPES);

    // The model name pattern accepts and refuses what ModelName does.
    Pattern name = Pattern.compile(doc.at("/components/parameters/ModelName/schema/pattern").asText());
    for (String candidate : List.of("fraud-scorer", "a", "A.b_c-9", "x".repeat(63), "x".repeat(64), "-a", "a-",
        "a b", "", "ümlaut", "a/b")) {
      assertThat(name.matcher(candidate).find()).as("'%s'", candidate).isEqualTo(ModelName.isValid(candidate));
    }

    JsonNode history = operations().get("get /api/models/{name}/history").path("parameters");
    JsonNode limit = null;
    for (JsonNode p : history) {
      if (resolve(p).path("name").asText().equals("limit")) {
        limit = resolve(p).path("schema");
      }
    }
    assertThat(limit).isNotNull();
    assertThat(limit.path("minimum").asInt()).isEqualTo(1);
    assertThat(limit.path("maximum").asInt()).isEqualTo(1000);
    assertThat(limit.path("default").asInt()).isEqualTo(360);
  }

  @Test
  void theJarCarriesTheSourceFileUnchanged() throws Exception {
    // src/main/resources is filtered by Maven (${...} and @...@): the document must come through as written.
    byte[] source = Files.readAllBytes(Path.of("src/main/resources", OpenApiDocument.RESOURCE));
    assertThat(OpenApiDocument.load().bytes()).isEqualTo(source);
  }

  @Test
  void aMissingOrBrokenDocumentFailsLoudly(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("broken.json"), "{\"openapi\": \"3.0.3\", \"paths\": {", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("swagger.json"), "{\"swagger\": \"2.0\", \"paths\": {}}", StandardCharsets.UTF_8);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      assertThatThrownBy(() -> OpenApiDocument.load(loader, "absent.json"))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("'absent.json' is not on the classpath");
      assertThatThrownBy(() -> OpenApiDocument.load(loader, "broken.json"))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("'broken.json' is not valid JSON");
      assertThatThrownBy(() -> OpenApiDocument.load(loader, "swagger.json"))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("not an OpenAPI 3.0 document");
    }
  }

  @Test
  void bytesCannotBeChangedByACaller() {
    OpenApiDocument document = OpenApiDocument.load();
    byte[] first = document.bytes();
    first[0] = 'x';
    assertThat(document.bytes()[0]).isEqualTo((byte) '{');
  }

  /** "method path" -> the operation object. */
  private Map<String, JsonNode> operations() {
    Map<String, JsonNode> ops = new java.util.LinkedHashMap<>();
    doc.path("paths").properties().forEach(path -> {
      path.getValue().properties().forEach(method -> {
        if (METHODS.contains(method.getKey())) {
          ops.put(method.getKey() + " " + path.getKey(), method.getValue());
        }
      });
    });
    return ops;
  }

  /** The node itself, or what its {@code $ref} points to. */
  private JsonNode resolve(JsonNode node) {
    return node.has("$ref") ? doc.at(node.path("$ref").asText().substring(1)) : node;
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      node.properties().forEach(f -> {
        if (f.getKey().equals("$ref")) {
          refs.add(f.getValue().asText());
        } else {
          collectRefs(f.getValue(), refs);
        }
      });
    } else if (node.isArray()) {
      node.forEach(n -> collectRefs(n, refs));
    }
  }

  private static JsonNode parse(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
