package io.mlopsagent.agent.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.mlopsagent.actors.metrics.MetricKind;
import io.mlopsagent.actors.model.ModelName;
import io.mlopsagent.agent.config.ConfigProblem;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.CircuitBreaker;

/**
 * No string can change what a query asks Prometheus. A hostile model name is refused before any
 * query is built; a valid one ends up only inside the model matcher's string literal, whose regex
 * accepts exactly the names asked for. End to end, against a fake Prometheus on 127.0.0.1 whose
 * discovery answers hostile label values: only valid names are discovered, and every query then
 * sent has exactly the selectors of its template plus that one matcher.
 */
class PropPromqlInjectionTest {
  private static final List<String> FRAGMENTS = List.of("\"", "\\", "}", "{", "=~", "!=", " or ", "vector(1)",
      "\n", "\r", "#", "|", ".*", ".", "(", ")", "[5m]", "$MODELS", "'", "`", "\u0000", "\u00e9", "\u202E",
      "\uD83D\uDE00", "-", "_", "a", "Z", "9", " ");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static ActorTestKit kit;
  private static HttpServer prometheus;
  private static java.util.concurrent.ExecutorService pool;
  private static final List<String> QUERIES = new CopyOnWriteArrayList<>();
  /** The model label values the fake Prometheus answers discovery with, set by each try. */
  private static volatile List<String> exported = List.of();

  @BeforeContainer
  static void start() throws IOException {
    kit = ActorTestKit.create();
    prometheus = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    prometheus.createContext("/api/v1/query", exchange -> {
      String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String query = "";
      for (String pair : form.split("&")) {
        if (pair.startsWith("query=")) {
          query = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
        }
      }
      QUERIES.add(query);
      byte[] body = vector(exported).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      // One query per connection: the JDK server and client disagree on when an idle one is closed.
      exchange.getResponseHeaders().set("Connection", "close");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    pool = java.util.concurrent.Executors.newFixedThreadPool(5); // the five queries of a poll at once
    prometheus.setExecutor(pool);
    prometheus.start();
  }

  @AfterContainer
  static void stop() {
    prometheus.stop(0);
    pool.shutdownNow();
    kit.shutdownTestKit();
  }

  @Property(tries = 2_000)
  void aHostileNameIsRefusedOrOnlyEverAnEscapedLiteral(@ForAll("hostile") String name) {
    Statistics.collect(ModelName.isValid(name) ? "a valid name: matcher checked" : "refused as a model name");
    if (!ModelName.isValid(name)) {
      assertThatThrownBy(() -> ModelName.of(name)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is invalid");
      return;
    }
    checkMatcher(PrometheusMetricsSource.modelMatcher("model", List.of(ModelName.of(name))), Set.of(name));
  }

  @Property(tries = 500)
  void aMatcherOfValidNamesSelectsExactlyThoseNames(@ForAll("validNameSets") Set<String> names) {
    List<ModelName> models = names.stream().map(ModelName::of).toList();
    checkMatcher(PrometheusMetricsSource.modelMatcher("model", models), names);
  }

  @Property(tries = 150)
  void hostileLabelValuesFromPrometheusNeverReachAQuery(@ForAll("exports") List<String> labelValues) {
    exported = labelValues;
    QUERIES.clear();
    PrometheusMetricsSource source = source();

    List<ModelName> discovered = source.discover().toCompletableFuture().join();
    Set<String> valid = new TreeSet<>(labelValues.stream().filter(ModelName::isValid).toList());
    Statistics.label("label values").collect(labelValues.size() - valid.size() > 0 ? "some hostile" : "all valid");
    assertThat(discovered).extracting(ModelName::value).containsExactlyElementsOf(valid);
    if (discovered.isEmpty()) {
      return;
    }
    QUERIES.clear();
    source.fetch(discovered, Instant.parse("2026-11-23T08:00:00Z")).toCompletableFuture().join();

    assertThat(QUERIES).hasSize(MetricKind.values().length);
    PrometheusSettings settings = settings();
    Set<String> templates = new TreeSet<>(settings.queries().values());
    for (String query : QUERIES) {
      String template = templates.stream().filter(t -> sameShape(t, query)).findFirst()
          .orElseThrow(() -> new AssertionError("a query no template gives: " + query));
      List<List<PromqlSelectors.Matcher>> expected = PromqlSelectors.parse(template.replace("$MODELS,", "")
          .replace("$MODELS", ""));
      List<List<PromqlSelectors.Matcher>> actual = PromqlSelectors.parse(query);
      assertThat(actual).as(query).hasSameSizeAs(expected);
      for (int i = 0; i < actual.size(); i++) {
        List<PromqlSelectors.Matcher> others = new ArrayList<>(actual.get(i));
        PromqlSelectors.Matcher model = others.remove(0);
        assertThat(others).as("the template's own matchers in %s", query).isEqualTo(expected.get(i));
        checkRegex(model, valid, query);
      }
    }
  }

  @Property(tries = 300)
  void hostileLabelNamesAndStaticModelsAreRefusedNamingTheKey(@ForAll("hostile") String value) {
    Config label = base().withValue("metrics.model-label", ConfigValueFactory.fromAnyRef(value));
    if (value.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
      assertThat(PrometheusSettings.fromConfig(label).modelLabel()).isEqualTo(value);
    } else {
      assertThatThrownBy(() -> PrometheusSettings.fromConfig(label)).isInstanceOf(ConfigProblem.class)
          .hasMessageContaining("mlops.metrics.model-label");
    }
    Config models = base().withValue("metrics.models", ConfigValueFactory.fromIterable(List.of(value)));
    if (ModelName.isValid(value)) {
      assertThat(PrometheusSettings.fromConfig(models).staticModels()).containsExactly(ModelName.of(value));
    } else {
      assertThatThrownBy(() -> PrometheusSettings.fromConfig(models)).isInstanceOf(ConfigProblem.class)
          .hasMessageContaining("mlops.metrics.models");
    }
  }

  /** One selector with exactly one matcher: the model label, =~, a regex of exactly these names. */
  private static void checkMatcher(String matcher, Set<String> names) {
    List<List<PromqlSelectors.Matcher>> selectors = PromqlSelectors.parse("m{" + matcher + "}");
    assertThat(selectors).hasSize(1);
    assertThat(selectors.get(0)).hasSize(1);
    checkRegex(selectors.get(0).get(0), names, matcher);
  }

  private static void checkRegex(PromqlSelectors.Matcher m, Set<String> names, String where) {
    assertThat(m.label()).as(where).isEqualTo("model");
    assertThat(m.op()).as(where).isEqualTo("=~");
    // Nothing but name characters, escaped dots and the alternation bar: no class, group or quantifier.
    assertThat(m.value()).as(where).matches("([A-Za-z0-9_-]|\\\\\\.)+(\\|([A-Za-z0-9_-]|\\\\\\.)+)*");
    Pattern regex = Pattern.compile(m.value()); // Prometheus anchors regex matchers: matches() does too
    for (String name : names) {
      assertThat(regex.matcher(name).matches()).as("%s selects %s", where, name).isTrue();
      for (String near : List.of(name + "x", "x" + name, name.replace('.', 'x'), name.replace('-', '.'), "")) {
        if (!names.contains(near)) {
          assertThat(regex.matcher(near).matches()).as("%s selects %s", where, near).isFalse();
        }
      }
    }
  }

  /** Whether {@code query} is {@code template} with one same text in place of every $MODELS. */
  private static boolean sameShape(String template, String query) {
    String[] parts = template.split(Pattern.quote("$MODELS"), -1);
    StringBuilder regex = new StringBuilder(Pattern.quote(parts[0]));
    for (int i = 1; i < parts.length; i++) {
      regex.append(i == 1 ? "(.*)" : "\\1").append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(query).matches();
  }

  @Provide
  Arbitrary<String> hostile() {
    Arbitrary<String> glued = Arbitraries.of(FRAGMENTS).list().ofMinSize(1).ofMaxSize(8).map(l -> String.join("", l));
    return Arbitraries.frequencyOf(
        Tuple.of(4, glued),
        Tuple.of(2, Arbitraries.strings().ofMaxLength(70)),
        Tuple.of(1, Arbitraries.strings().withChars("a.-_9").ofMinLength(1).ofMaxLength(70)),
        Tuple.of(1, Arbitraries.of("a\"} or vector(1) #", "x{job=\"y\"}", "fraud.*", "a|b", "a\\\"b", "ok-name",
            "churn.v2", "x".repeat(63), "x".repeat(64))));
  }

  @Provide
  Arbitrary<Set<String>> validNameSets() {
    return Arbitraries.strings().withChars("abcxyz019.-_").ofMinLength(1).ofMaxLength(63).filter(ModelName::isValid)
        .set().ofMinSize(1).ofMaxSize(20);
  }

  @Provide
  Arbitrary<List<String>> exports() {
    return Arbitraries.oneOf(hostile(), validNameSets().map(s -> s.iterator().next())).list().ofMaxSize(12);
  }

  private static PrometheusMetricsSource source() {
    CircuitBreaker breaker = CircuitBreaker.create(kit.system().classicSystem().scheduler(), 1_000,
        Duration.ofSeconds(5), Duration.ofSeconds(1));
    return new PrometheusMetricsSource(settings(), HTTP, breaker);
  }

  private static PrometheusSettings settings() {
    return PrometheusSettings.fromConfig(base());
  }

  /** The packaged settings (their query templates included) against the fake Prometheus. */
  private static Config base() {
    return ConfigFactory.parseString("prometheus.url = \"http://127.0.0.1:" + prometheus.getAddress().getPort() + "\"")
        .withFallback(ConfigFactory.load().getConfig("mlops"));
  }

  /** An instant vector of one series per label value, as Prometheus answers JSON-escaped. */
  private static String vector(List<String> labelValues) {
    ObjectNode root = JSON.createObjectNode().put("status", "success");
    ObjectNode data = root.putObject("data").put("resultType", "vector");
    ArrayNode result = data.putArray("result");
    for (String value : Collections.unmodifiableList(labelValues)) {
      ObjectNode series = result.addObject();
      series.putObject("metric").put("model", value);
      series.putArray("value").add(1_700_000_000).add("1");
    }
    return root.toString();
  }
}
