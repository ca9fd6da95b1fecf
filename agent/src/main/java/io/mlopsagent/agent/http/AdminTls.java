package io.mlopsagent.agent.http;

import com.typesafe.config.Config;
import io.mlopsagent.agent.config.ConfigProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * HTTPS for the admin endpoint ({@code mlops.http.tls}): the server's key and certificate from a
 * PKCS12 keystore, its password from a file. Read and checked at start, so a wrong path or
 * password stops the daemon with the key named, rather than serving plain HTTP by surprise.
 */
public final class AdminTls {
  private AdminTls() {}

  /** The server's TLS context, or empty when TLS is off. */
  public static Optional<SSLContext> fromConfig(Config tls) {
    if (!tls.getBoolean("enabled")) {
      return Optional.empty();
    }
    String keystore = tls.getString("keystore").strip();
    String passwordFile = tls.getString("keystore-password-file").strip();
    if (keystore.isEmpty()) {
      throw new ConfigProblem("configuration: mlops.http.tls.enabled is true but mlops.http.tls.keystore is empty:"
          + " expected a PKCS12 file with the server's key and certificate");
    }
    char[] password = password(passwordFile);
    try (InputStream in = Files.newInputStream(Path.of(keystore))) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return Optional.of(context);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      // The password is never part of the message.
      throw new ConfigProblem("configuration: mlops.http.tls.keystore = '" + keystore + "' cannot be used: "
          + e.getMessage() + " (a PKCS12 file, and its password in mlops.http.tls.keystore-password-file)");
    }
  }

  private static char[] password(String file) {
    if (file.isEmpty()) {
      return new char[0];
    }
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip().toCharArray();
    } catch (IOException | RuntimeException e) {
      throw new ConfigProblem("configuration: mlops.http.tls.keystore-password-file = '" + file
          + "' cannot be read: " + e.getMessage());
    }
  }
}
