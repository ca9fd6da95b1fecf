package io.mlopsagent.agent.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Who may call what: the bearer token every mutation needs (and reads, by config), compared in
 * constant time, and a rate limit on mutations. Pure apart from the clock it is given.
 */
final class AdminAuth {
  /** What a caller names itself for the audit trail ({@code X-Mlops-Actor}). */
  static final Pattern ACTOR = Pattern.compile("[A-Za-z0-9._@:/-]{1,64}");
  static final String DEFAULT_ACTOR = "token";
  private static final String BEARER = "Bearer ";

  /** Whether a request may go on: {@code who} it is, or the HTTP status and message refusing it. */
  record Verdict(String who, int status, String message, long retryAfterSeconds) {
    static Verdict allowed(String who) {
      return new Verdict(who, 0, null, 0);
    }

    static Verdict refused(int status, String message) {
      return new Verdict(null, status, message, 0);
    }

    boolean allowed() {
      return status == 0;
    }
  }

  private final AdminSettings settings;
  private final byte[] tokenDigest;
  private final LongSupplier nanoTime;
  private double tokens;
  private long refilledAt;

  AdminAuth(AdminSettings settings, LongSupplier nanoTime) {
    this.settings = settings;
    this.tokenDigest = settings.hasToken() ? sha256(settings.token()) : null;
    this.nanoTime = nanoTime;
    this.tokens = settings.mutationBurst();
    this.refilledAt = nanoTime.getAsLong();
  }

  /** A read: allowed unless reads need the token and it is missing or wrong. */
  Verdict read(Optional<String> authorization, Optional<String> actor) {
    if (!settings.readRequiresToken()) {
      return Verdict.allowed(DEFAULT_ACTOR);
    }
    return authenticated(authorization, actor);
  }

  /** A mutation: the token is required, then the rate limit applies. */
  Verdict mutation(Optional<String> authorization, Optional<String> actor) {
    Verdict v = authenticated(authorization, actor);
    if (!v.allowed()) {
      return v;
    }
    long wait = take();
    if (wait > 0) {
      return new Verdict(null, 429, "too many changes: at most " + settings.mutationsPerMinute()
          + " a minute (bursts of " + settings.mutationBurst() + "); try again in " + wait + " s", wait);
    }
    return v;
  }

  private Verdict authenticated(Optional<String> authorization, Optional<String> actor) {
    if (tokenDigest == null) {
      return Verdict.refused(403, "changes are disabled: no admin token is configured (set MLOPS_ADMIN_TOKEN or"
          + " mlops.admin.token-file)");
    }
    if (authorization.isEmpty() || !authorization.get().startsWith(BEARER)) {
      return Verdict.refused(401, "this needs the admin token: header 'Authorization: Bearer <token>'");
    }
    // Digests of equal length, compared in constant time: neither the token's length nor how much
    // of it matched can be timed.
    if (!MessageDigest.isEqual(sha256(authorization.get().substring(BEARER.length()).strip()), tokenDigest)) {
      return Verdict.refused(403, "the admin token is not valid");
    }
    if (actor.isPresent() && !ACTOR.matcher(actor.get()).matches()) {
      String shown = actor.get().length() > 40 ? actor.get().substring(0, 40) + "..." : actor.get();
      return Verdict.refused(400, "header 'X-Mlops-Actor' = '" + shown
          + "' is invalid: expected 1 to 64 of letters, digits and . _ @ : / -");
    }
    return Verdict.allowed(actor.orElse(DEFAULT_ACTOR));
  }

  /** Takes one mutation from the bucket: 0, or the seconds until one is free. */
  private synchronized long take() {
    long now = nanoTime.getAsLong();
    double perNano = settings.mutationsPerMinute() / 60e9;
    tokens = Math.min(settings.mutationBurst(), tokens + (now - refilledAt) * perNano);
    refilledAt = now;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
