package io.mlopsagent.agent.cli.admin;

import io.mlopsagent.agent.cli.DurationConverter;
import io.mlopsagent.agent.cli.OptionRange;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Where the agent is and how to talk to it: shared by every command that calls the admin API.
 * The token has no option of its own on purpose: a command line shows up in {@code ps} and in shell
 * history, an environment variable or a file does not.
 */
public final class AdminOptions {
  static final String SERVER_ENV = "MLOPS_SERVER";
  static final String TOKEN_ENV = "MLOPS_ADMIN_TOKEN";
  static final String DEFAULT_SERVER = "http://127.0.0.1:8080";
  /** A token file is a few dozen bytes; anything much larger is not one (a log, a key store). */
  private static final long MAX_TOKEN_FILE = 4096;
  /** Header X-Mlops-Actor: 1-64 characters of these, as the API contract allows. */
  private static final int MAX_ACTOR = 64;

  @Option(names = "--server", paramLabel = "URL",
      description = "The agent's admin API, http:// or https:// (default: $MLOPS_SERVER, else " + DEFAULT_SERVER + ").")
  String server;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "File holding the admin token (default: the token in $MLOPS_ADMIN_TOKEN). Never printed.")
  String tokenFile;

  @Option(names = "--json", description = "Print the agent's JSON answer, indented, instead of text.")
  boolean json;

  @Option(names = "--timeout", paramLabel = "D", converter = DurationConverter.class, defaultValue = "10s",
      description = "How long to wait for the agent to connect and to answer, e.g. 500ms, 30s (default: 10s).")
  Duration timeout;

  public boolean json() {
    return json;
  }

  /** A client for these options, every value checked first; a bad one is a usage error (exit 2). */
  public AdminClient client(CommandSpec spec) {
    OptionRange.check(spec, "--timeout", timeout, Duration.ofMillis(100), Duration.ofMinutes(10));
    URI uri = server(spec, server, System::getenv);
    String token = token(spec, tokenFile, System::getenv);
    return new AdminClient(uri, token, actor(System.getProperty("user.name")), timeout);
  }

  /** The server URL: the option, else the environment, else the local default; only http(s). */
  static URI server(CommandSpec spec, String option, UnaryOperator<String> env) {
    String given = option;
    String source = "option '--server'";
    if (given == null) {
      given = env.apply(SERVER_ENV);
      source = "$" + SERVER_ENV;
      if (given == null || given.isBlank()) {
        given = DEFAULT_SERVER;
      }
    }
    String trimmed = given.strip();
    String lower = trimmed.toLowerCase(Locale.ROOT);
    // Checked before parsing: "127.0.0.1:8080" parses as a URI with scheme "127.0.0.1".
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      throw badServer(spec, source, given, "only http:// and https:// URLs are accepted");
    }
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw badServer(spec, source, given, "it is not a URL (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null) {
      throw badServer(spec, source, given, "it names no host");
    }
    if (uri.getRawUserInfo() != null) {
      // A password in the URL would be printed with every error message naming the URL.
      throw badServer(spec, source, "(hidden: it holds credentials)", "no user or password in the URL; the token"
          + " comes from $" + TOKEN_ENV + " or --token-file");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw badServer(spec, source, given, "no query or fragment: the base URL only");
    }
    // A path prefix is kept (an agent behind a proxy at /mlops); the API paths are appended to it.
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
    return URI.create(scheme + "://" + uri.getRawAuthority() + path);
  }

  private static CommandLine.ParameterException badServer(CommandSpec spec, String source, String value,
      String why) {
    return new CommandLine.ParameterException(spec.commandLine(), "Invalid value for " + source + ": '" + value
        + "': " + why + ": expected e.g. " + DEFAULT_SERVER + " or https://mlops.example.com");
  }

  /** The token: from the file when one is given, else the environment, else null (none sent). */
  static String token(CommandSpec spec, String file, UnaryOperator<String> env) {
    if (file != null) {
      return fromFile(spec, file);
    }
    String value = env.apply(TOKEN_ENV);
    if (value == null || value.isBlank()) {
      return null;
    }
    String token = value.strip();
    if (!headerSafe(token)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value of $" + TOKEN_ENV
          + ": it holds spaces or control characters, which an HTTP header cannot carry: expected the admin token");
    }
    return token;
  }

  private static String fromFile(CommandSpec spec, String file) {
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      throw badTokenFile(spec, file, "is not a file name (" + e.getReason() + ")");
    }
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw badTokenFile(spec, file, "is not a readable plain file");
    }
    String token;
    try {
      if (Files.size(path) > MAX_TOKEN_FILE) {
        throw badTokenFile(spec, file, "is larger than " + MAX_TOKEN_FILE + " bytes");
      }
      token = Files.readString(path, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw badTokenFile(spec, file, "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    if (token.isEmpty()) {
      throw badTokenFile(spec, file, "is empty");
    }
    if (!headerSafe(token)) {
      // The reason only, never the content: the file may hold a secret with a typo in it.
      throw badTokenFile(spec, file, "holds spaces or control characters, which an HTTP header cannot carry");
    }
    return token;
  }

  private static CommandLine.ParameterException badTokenFile(CommandSpec spec, String file, String why) {
    return new CommandLine.ParameterException(spec.commandLine(),
        "Invalid value for option '--token-file': '" + file + "' " + why + ": expected a file holding the admin token");
  }

  /** Visible ASCII only: what a bearer token is made of, and safe in a header line. */
  private static boolean headerSafe(String token) {
    return token.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }

  /** {@code cli:<user>}, the user name's other characters replaced so the agent accepts the header. */
  static String actor(String user) {
    String name = user == null || user.isBlank() ? "unknown" : user.replaceAll("[^A-Za-z0-9._@:/-]", "_");
    String actor = "cli:" + name;
    return actor.length() > MAX_ACTOR ? actor.substring(0, MAX_ACTOR) : actor;
  }
}
