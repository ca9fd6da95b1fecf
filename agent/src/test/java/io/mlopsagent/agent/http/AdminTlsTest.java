package io.mlopsagent.agent.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.mlopsagent.agent.config.ConfigProblem;
import io.mlopsagent.agent.daemon.Daemon;
import io.mlopsagent.agent.daemon.TestDaemons;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin endpoint over HTTPS, with a keystore made by the JDK's keytool for 127.0.0.1. */
@Tag("slow")
class AdminTlsTest {
  private static final String PASSWORD = "keystore-pass-123";

  @TempDir static Path dir;
  private static Path keystore;
  private static Path passwordFile;

  @BeforeAll
  static void makeKeystore() throws Exception {
    keystore = dir.resolve("admin.p12");
    passwordFile = dir.resolve("admin.pass");
    Files.writeString(passwordFile, PASSWORD + "\n");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "admin", "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD)
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
  }

  @Test
  void theAdminEndpointServesHttpsAndNoPlainHttp() throws Exception {
    Daemon daemon = TestDaemons.start(TestDaemons.config(dir.resolve("data"), 2, Map.of(
        "mlops.http.tls.enabled", true,
        "mlops.http.tls.keystore", keystore.toString(),
        "mlops.http.tls.keystore-password-file", passwordFile.toString())),
        new io.mlopsagent.simulation.world.SimulatedWorld(
            new io.mlopsagent.simulation.fleet.SimulatedFleet(42, 2), TestDaemons.START));
    try {
      HttpClient https = HttpClient.newBuilder().sslContext(trusting(keystore)).connectTimeout(Duration.ofSeconds(5))
          .build();
      HttpResponse<String> ok = https.send(HttpRequest.newBuilder(
          URI.create("https://127.0.0.1:" + daemon.httpPort() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).contains("ok");

      HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + daemon.httpPort() + "/healthz")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
    } finally {
      daemon.close();
    }
  }

  @Test
  void aWrongKeystorePasswordStopsTheStartNamingTheKeyNotThePassword() throws Exception {
    Path wrong = dir.resolve("wrong.pass");
    Files.writeString(wrong, "not-the-password");

    assertThatThrownBy(() -> AdminTls.fromConfig(ConfigFactory.parseMap(Map.of("enabled", true,
        "keystore", keystore.toString(), "keystore-password-file", wrong.toString()))))
        .isInstanceOf(ConfigProblem.class)
        .hasMessageContaining("mlops.http.tls.keystore")
        .hasMessageNotContaining("not-the-password");
    assertThatThrownBy(() -> AdminTls.fromConfig(ConfigFactory.parseMap(Map.of("enabled", true,
        "keystore", "", "keystore-password-file", ""))))
        .isInstanceOf(ConfigProblem.class).hasMessageContaining("keystore is empty");
  }

  /** A client trusting only the certificate in {@code p12}. */
  private static SSLContext trusting(Path p12) throws Exception {
    KeyStore server = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      server.load(in, PASSWORD.toCharArray());
    }
    Certificate cert = server.getCertificate("admin");
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("admin", cert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
