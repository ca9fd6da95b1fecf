package io.mlopsagent.agent.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.mlopsagent.agent.daemon.Daemon;
import io.mlopsagent.agent.daemon.TestDaemons;
import io.mlopsagent.persistence.DatabaseTarget;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Secrets stay secret: the admin token (and a wrong one someone tried) appears in no log line and
 * no answer of the admin API, and a database password in no description of the journal.
 */
class SecretsNotLeakedTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void theAdminTokenAppearsInNoLogLineAndNoAnswer(@TempDir Path dir) throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    logs.start();
    root.addAppender(logs);
    // Everything the agent says, whatever level earlier tests in this JVM left it at.
    Logger agent = (Logger) LoggerFactory.getLogger("io.mlopsagent");
    ch.qos.logback.classic.Level before = agent.getLevel();
    agent.setLevel(ch.qos.logback.classic.Level.DEBUG);
    String tried = "attacker-guess-0123456789abcdef";
    List<String> answers = new ArrayList<>();
    Daemon daemon = TestDaemons.start(dir, 3);
    try {
      String base = "http://127.0.0.1:" + daemon.httpPort();
      await().atMost(Duration.ofSeconds(30)).until(() -> get(base + "/readyz").statusCode() == 200);
      answers.add(post(base + "/api/fleet/pause", tried).body());
      answers.add(post(base + "/api/models/fraud-scoring-001/pause", TestDaemons.TOKEN).body());
      answers.add(post(base + "/api/models/fraud-scoring-001/resume", TestDaemons.TOKEN).body());
      for (String path : List.of("/api/fleet", "/api/models", "/api/models/fraud-scoring-001", "/api/audit",
          "/api/decisions", "/api/models/fraud-scoring-001/policy", "/metrics", "/readyz", "/")) {
        answers.add(get(base + path).body());
      }
    } finally {
      daemon.close();
      root.detachAppender(logs);
      agent.setLevel(before);
    }

    assertThat(logs.list).isNotEmpty();
    for (ILoggingEvent e : logs.list) {
      assertThat(e.getFormattedMessage()).doesNotContain(TestDaemons.TOKEN).doesNotContain(tried);
    }
    for (String body : answers) {
      assertThat(body).doesNotContain(TestDaemons.TOKEN).doesNotContain(tried);
    }
  }

  @Test
  void aDatabasePasswordIsInNoDescriptionOfTheJournal() {
    DatabaseTarget pg = new DatabaseTarget.Postgres("jdbc:postgresql://db:5432/mlops", "mlops", "pg-secret-42");

    assertThat(pg.describe()).doesNotContain("pg-secret-42");
    assertThat(pg.toString()).doesNotContain("pg-secret-42");
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String url, String token) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
