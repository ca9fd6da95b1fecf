package io.mlopsagent.agent.http.dashboard;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium driven through chromedriver with the W3C WebDriver protocol, spoken with the
 * JDK's HTTP client: enough of a browser to load pages, query them and take screenshots, without
 * Selenium and its dependency tree. One instance is one chromedriver process and one browser
 * session; close it to end both.
 *
 * <p>The binaries are the Debian packages {@code chromium} and {@code chromium-driver}
 * (scripts/install-test-deps.sh installs them); the environment variables {@code CHROMIUM} and
 * {@code CHROMEDRIVER} name others. A missing binary is an error, not a skipped test: a browser
 * test that silently does not run proves nothing.
 */
public final class WebDriverClient implements AutoCloseable {
  /** The key under which W3C WebDriver returns an element reference. */
  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  private final String baseUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Process driver;
  private final Path driverLog;
  private final URI driverUri;
  private final String session;

  /** Starts chromedriver and a headless browser for pages under {@code baseUrl} (e.g. {@code http://127.0.0.1:8080}). */
  public WebDriverClient(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    Path chromium = binary("CHROMIUM", "/usr/bin/chromium", "chromium");
    Path chromedriver = binary("CHROMEDRIVER", "/usr/bin/chromedriver", "chromium-driver");
    int port = freePort();
    driverUri = URI.create("http://127.0.0.1:" + port);
    try {
      Path logs = targetDir().resolve("webdriver");
      Files.createDirectories(logs);
      driverLog = logs.resolve("chromedriver-" + port + ".log");
      // A file, not a pipe: nobody reads chromedriver's output while the test runs, and a full
      // pipe would stop it.
      driver = new ProcessBuilder(chromedriver.toString(), "--port=" + port)
          .redirectErrorStream(true)
          .redirectOutput(driverLog.toFile())
          .start();
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + chromedriver + ": " + e.getMessage(), e);
    }
    try {
      await("chromedriver ready on port " + port).atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100)).until(this::driverReady);
      session = newSession(chromium);
      send("POST", "/session/" + session + "/timeouts", JSON.createObjectNode().put("pageLoad", 30_000)
          .put("script", 15_000).put("implicit", 0));
    } catch (RuntimeException e) {
      stopDriver();
      throw new IllegalStateException("could not start a headless Chromium session; chromedriver said:\n"
          + driverOutput(), e);
    }
  }

  /** Loads {@code path} (e.g. {@code /models/x}) under the base URL and waits for the page to load. */
  public void open(String path) {
    command("POST", "/url", JSON.createObjectNode().put("url", baseUrl + path));
  }

  public String title() {
    return command("GET", "/title", null).asText();
  }

  /** The references of every element matching the CSS selector, in document order. */
  public List<String> findAll(String cssSelector) {
    JsonNode found = command("POST", "/elements",
        JSON.createObjectNode().put("using", "css selector").put("value", cssSelector));
    List<String> ids = new ArrayList<>();
    found.forEach(e -> ids.add(e.get(ELEMENT).asText()));
    return ids;
  }

  /** The rendered text of an element found by {@link #findAll}. */
  public String text(String element) {
    return command("GET", "/element/" + element + "/text", null).asText();
  }

  /** Runs {@code script} as a function body in the page ({@code arguments[i]} are the args); its return value as JSON. */
  public JsonNode script(String script, Object... args) {
    ObjectNode body = JSON.createObjectNode().put("script", script);
    body.set("args", JSON.valueToTree(args));
    return command("POST", "/execute/sync", body);
  }

  /** A PNG of the viewport. */
  public byte[] screenshot() {
    return Base64.getDecoder().decode(command("GET", "/screenshot", null).asText());
  }

  /** Saves a screenshot as {@code target/screenshots/<name>} of the module and returns its path. */
  public Path saveScreenshot(String name) {
    try {
      Path dir = targetDir().resolve("screenshots");
      Files.createDirectories(dir);
      return Files.write(dir.resolve(name), screenshot());
    } catch (IOException e) {
      throw new IllegalStateException("could not save screenshot " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      send("DELETE", "/session/" + session, null);
    } catch (RuntimeException e) {
      // The browser goes with the driver below; a failed goodbye changes nothing.
    } finally {
      stopDriver();
    }
  }

  private String newSession(Path chromium) {
    ObjectNode options = JSON.createObjectNode().put("binary", chromium.toString());
    // As root in a container: no sandbox; /dev/shm is often too small for the renderer.
    options.putArray("args").add("--headless=new").add("--no-sandbox").add("--disable-gpu")
        .add("--window-size=1280,1000").add("--disable-dev-shm-usage").add("--hide-scrollbars");
    ObjectNode always = JSON.createObjectNode().put("browserName", "chrome");
    always.set("goog:chromeOptions", options);
    ObjectNode body = JSON.createObjectNode();
    body.putObject("capabilities").set("alwaysMatch", always);
    return send("POST", "/session", body).get("sessionId").asText();
  }

  private JsonNode command(String method, String path, JsonNode body) {
    return send(method, "/session/" + session + path, body);
  }

  /** A WebDriver request; its {@code value}, or an exception with the driver's error and message. */
  private JsonNode send(String method, String path, JsonNode body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(driverUri.resolve(path)).timeout(COMMAND_TIMEOUT)
        .header("Content-Type", "application/json; charset=utf-8");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("webdriver " + method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during webdriver " + method + " " + path, e);
    }
    JsonNode value;
    try {
      value = JSON.readTree(response.body()).path("value");
    } catch (IOException e) {
      throw new IllegalStateException("webdriver " + method + " " + path + " answered " + response.statusCode()
          + " with a body that is not JSON: " + response.body(), e);
    }
    if (response.statusCode() >= 400) {
      throw new IllegalStateException("webdriver " + method + " " + path + " answered " + response.statusCode()
          + ": " + value.path("error").asText() + ": " + value.path("message").asText());
    }
    return value;
  }

  private boolean driverReady() {
    if (!driver.isAlive()) {
      throw new IllegalStateException("chromedriver exited with status " + driver.exitValue());
    }
    try {
      return send("GET", "/status", null).path("ready").asBoolean(false);
    } catch (IllegalStateException e) {
      return false;
    }
  }

  private void stopDriver() {
    driver.destroy();
    try {
      if (!driver.waitFor(10, TimeUnit.SECONDS)) {
        driver.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      driver.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private String driverOutput() {
    try {
      return Files.readString(driverLog);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  private static Path binary(String env, String fallback, String debianPackage) {
    String named = System.getenv(env);
    Path path = Path.of(named == null || named.isBlank() ? fallback : named);
    if (!Files.isExecutable(path)) {
      throw new IllegalStateException(path + " is missing or not executable: the browser tests need headless "
          + "Chromium and chromedriver. Install them with scripts/install-test-deps.sh (Debian packages chromium "
          + "and chromium-driver; this one is in " + debianPackage + "), or set " + env + " to the binary.");
    }
    return path;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port on loopback for chromedriver: " + e.getMessage(), e);
    }
  }

  /** The module's target directory: surefire runs in the module and names it in {@code basedir}. */
  private static Path targetDir() {
    return Path.of(System.getProperty("basedir", ".")).resolve("target");
  }
}
