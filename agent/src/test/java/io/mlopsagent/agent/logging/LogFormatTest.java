package io.mlopsagent.agent.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The packaged {@code logback.xml} (conf/, the one the daemon runs with) in both formats that
 * {@code MLOPS_LOG_FORMAT} selects. Each test configures a logback context of its own, so the
 * logging of the other tests in this JVM is left alone; the chosen appender's stream is pointed at a
 * buffer, so the test reads exactly the bytes the daemon would write to stderr.
 */
class LogFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LoggerContext context;

  @AfterEach
  void stop() {
    if (context != null) {
      context.stop();
    }
  }

  @Test
  void jsonFormatWritesOneObjectPerLineWithTheEventsFieldsAndItsMdc() throws Exception {
    ByteArrayOutputStream out = configure("json");

    Logger decisions = context.getLogger("io.mlopsagent.actors.agent.ModelAgent");
    Instant before = Instant.now();
    MDC.put("model", "fraud-scorer");
    MDC.put("action", "rollback");
    try {
      // The agent's decision line, with its arguments as ModelAgent passes them.
      decisions.info("{}: {} ({}): {}", "fraud-scorer", "rollback", "act", "error rate 0.09 above 0.05");
    } finally {
      MDC.remove("model");
      MDC.remove("action");
    }
    decisions.warn("no MDC here", new IllegalStateException("boom"));

    List<JsonNode> lines = lines(out);
    assertThat(lines).hasSize(2);

    JsonNode decision = lines.get(0);
    assertThat(decision.path("message").asText())
        .isEqualTo("fraud-scorer: rollback (act): error rate 0.09 above 0.05");
    assertThat(decision.path("level").asText()).isEqualTo("INFO");
    assertThat(decision.path("logger_name").asText()).isEqualTo("io.mlopsagent.actors.agent.ModelAgent");
    assertThat(decision.path("thread_name").asText()).isEqualTo(Thread.currentThread().getName());
    assertThat(decision.path("model").asText()).isEqualTo("fraud-scorer");
    assertThat(decision.path("action").asText()).isEqualTo("rollback");
    // ISO-8601 in UTC, and the time of this very event.
    String timestamp = decision.path("@timestamp").asText();
    assertThat(timestamp).endsWith("Z");
    assertThat(Instant.parse(timestamp)).isBetween(before.minusMillis(1), Instant.now());
    // Noise dropped on purpose, and logback's own settings are not event fields.
    assertThat(decision.has("@version")).isFalse();
    assertThat(decision.has("level_value")).isFalse();
    assertThat(decision.has("MLOPS_LOG_FORMAT")).isFalse();

    JsonNode failure = lines.get(1);
    assertThat(failure.path("level").asText()).isEqualTo("WARN");
    assertThat(failure.has("model")).as("MDC removed after the first line").isFalse();
    assertThat(failure.path("stack_trace").asText()).contains("IllegalStateException: boom");
  }

  @Test
  void levelsOfThePackagedConfigurationHoldInJsonFormatToo() throws Exception {
    ByteArrayOutputStream out = configure("json");

    context.getLogger("io.mlopsagent.agent.Main").debug("below MLOPS_LOG_LEVEL's default");
    context.getLogger("org.apache.pekko.cluster").info("below WARN for Pekko");
    context.getLogger("io.mlopsagent.agent.Main").info("kept");

    assertThat(lines(out)).extracting(l -> l.path("message").asText()).containsExactly("kept");
  }

  @Test
  void textFormatKeepsTheHumanLine() throws Exception {
    ByteArrayOutputStream out = configure("text");

    context.getLogger("io.mlopsagent.actors.agent.ModelAgent")
        .info("{}: {} ({}): {}", "fraud-scorer", "rollback", "act", "error rate 0.09 above 0.05");

    assertThat(out.toString(StandardCharsets.UTF_8)).matches(
        "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  ModelAgent - fraud-scorer: rollback \\(act\\): error rate 0.09 above 0.05\\R");
  }

  @Test
  void anUnknownFormatIsReportedNotIgnored() throws Exception {
    context = new LoggerContext();
    context.putProperty("MLOPS_LOG_FORMAT", "yaml");
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(packaged());

    // At start, logback prints its status list when it holds a warning or an error, so whoever
    // starts the daemon with a misspelt format is told which file it looked for.
    List<Status> statuses = context.getStatusManager().getCopyOfStatusList();
    assertThat(statuses).as("%s", statuses)
        .filteredOn(s -> s.getLevel() >= Status.WARN)
        .extracting(Status::getMessage)
        .anySatisfy(m -> assertThat(m).contains("logback-yaml.xml"));
  }

  @Test
  void textIsTheDefault() throws Exception {
    // The variable is read from the environment and system properties too: the build runs the
    // tests without it, as a user runs the agent by default.
    assertThat(System.getenv("MLOPS_LOG_FORMAT")).as("MLOPS_LOG_FORMAT around the test JVM").isNull();
    ByteArrayOutputStream out = configure(null);

    context.getLogger("io.mlopsagent.agent.Main").info("started");

    assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("INFO  Main - started" + System.lineSeparator());
  }

  /**
   * A fresh context configured from the packaged logback.xml with {@code MLOPS_LOG_FORMAT} =
   * {@code format} ({@code null}: unset), and the buffer its one active appender writes to.
   */
  @SuppressWarnings("unchecked") // the root logger's appenders are all Appender<ILoggingEvent>
  private ByteArrayOutputStream configure(String format) throws Exception {
    context = new LoggerContext();
    context.setName("log-format-test");
    // The MDC that org.slf4j.MDC writes to, as in the daemon, where logback's provider does the same.
    context.setMDCAdapter(MDC.getMDCAdapter());
    if (format != null) {
      // A context property is looked up before system properties and the environment: the
      // test's choice wins over whatever the machine sets.
      context.putProperty("MLOPS_LOG_FORMAT", format);
    }
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(packaged());

    List<Status> problems = context.getStatusManager().getCopyOfStatusList().stream()
        .filter(s -> s.getLevel() >= Status.WARN).toList();
    assertThat(problems).as("logback's warnings and errors while reading logback.xml").isEmpty();

    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    List<Appender<ILoggingEvent>> appenders = new java.util.ArrayList<>();
    root.iteratorForAppenders().forEachRemaining(appenders::add);
    assertThat(appenders).extracting(Appender::getName).containsExactly("console");
    assertThat(appenders.get(0)).isInstanceOf(OutputStreamAppender.class);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // Replaces System.err: the console's wrapper is not closed by this (its close does nothing).
    ((OutputStreamAppender<ILoggingEvent>) appenders.get(0)).setOutputStream(out);
    return out;
  }

  /** logback.xml, not logback-test.xml: the file in conf/ that the jar ships. */
  private URL packaged() {
    URL packaged = getClass().getClassLoader().getResource("logback.xml");
    assertThat(packaged).as("conf/logback.xml on the classpath").isNotNull();
    return packaged;
  }

  private static List<JsonNode> lines(ByteArrayOutputStream out) throws Exception {
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).endsWith(System.lineSeparator());
    List<JsonNode> parsed = new java.util.ArrayList<>();
    for (String line : text.split("\\R")) {
      parsed.add(JSON.readTree(line));
    }
    return parsed;
  }
}
