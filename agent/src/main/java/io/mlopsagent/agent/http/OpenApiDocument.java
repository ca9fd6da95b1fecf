package io.mlopsagent.agent.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The admin API's OpenAPI 3.0 document ({@code openapi.json} on the classpath), served as is by
 * {@code GET /api/openapi.json}. Read and checked once, when the admin API is built: a jar that
 * lost the file or ships it broken fails at start rather than on the first request for it.
 */
public final class OpenApiDocument {
  /** Where the document is on the classpath. */
  public static final String RESOURCE = "openapi.json";
  public static final String CONTENT_TYPE = "application/json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final byte[] bytes;
  private final String openapiVersion;

  private OpenApiDocument(byte[] bytes, String openapiVersion) {
    this.bytes = bytes;
    this.openapiVersion = openapiVersion;
  }

  /**
   * The packaged document.
   *
   * @throws IllegalStateException when it is missing, not JSON, or not an OpenAPI 3.0 document
   */
  public static OpenApiDocument load() {
    return load(OpenApiDocument.class.getClassLoader(), RESOURCE);
  }

  /** The document at {@code resource} of {@code loader}; see {@link #load()}. */
  static OpenApiDocument load(ClassLoader loader, String resource) {
    byte[] bytes;
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the admin API's OpenAPI document '" + resource
            + "' is not on the classpath: the jar was built without it");
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("the admin API's OpenAPI document '" + resource + "' could not be read: "
          + e.getMessage(), e);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new IllegalStateException("the admin API's OpenAPI document '" + resource + "' is not valid JSON: "
          + e.getOriginalMessage() + where, e);
    } catch (IOException e) {
      throw new IllegalStateException("the admin API's OpenAPI document '" + resource + "' could not be parsed: "
          + e.getMessage(), e);
    }
    // Clients generate code from this field's major version: a document without it is no use.
    String version = root != null && root.isObject() ? root.path("openapi").asText("") : "";
    if (!version.startsWith("3.0.") || !root.path("paths").isObject()) {
      throw new IllegalStateException("the admin API's OpenAPI document '" + resource
          + "' is JSON but not an OpenAPI 3.0 document: expected an object with \"openapi\": \"3.0.x\" and \"paths\","
          + " found \"openapi\" = '" + version + "'");
    }
    return new OpenApiDocument(bytes, version);
  }

  /** The document's bytes, UTF-8 JSON, as packaged; a copy, so no caller can change what others get. */
  public byte[] bytes() {
    return Arrays.copyOf(bytes, bytes.length);
  }

  /** The document's {@code openapi} field, e.g. {@code 3.0.3}. */
  public String openapiVersion() {
    return openapiVersion;
  }
}
