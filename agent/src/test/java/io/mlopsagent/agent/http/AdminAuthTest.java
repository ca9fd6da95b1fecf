package io.mlopsagent.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AdminAuthTest {
  private static final String TOKEN = "s3cret-token-0123456789";
  private final AtomicLong nanos = new AtomicLong();

  private AdminAuth auth(boolean readsNeedToken, int perMinute, int burst) {
    return new AdminAuth(new AdminSettings(TOKEN, readsNeedToken, perMinute, burst, 65_536, List.of("production")),
        nanos::get);
  }

  private static Optional<String> bearer(String token) {
    return Optional.of("Bearer " + token);
  }

  @Test
  void aMutationNeedsTheRightBearerToken() {
    AdminAuth a = auth(false, 60, 20);

    assertThat(a.mutation(Optional.empty(), Optional.empty()).status()).isEqualTo(401);
    assertThat(a.mutation(Optional.of("Basic " + TOKEN), Optional.empty()).status()).isEqualTo(401);
    assertThat(a.mutation(bearer("wrong"), Optional.empty()).status()).isEqualTo(403);
    // A prefix of the token, or the token with more after it, is not the token.
    assertThat(a.mutation(bearer(TOKEN.substring(0, 10)), Optional.empty()).status()).isEqualTo(403);
    assertThat(a.mutation(bearer(TOKEN + "x"), Optional.empty()).status()).isEqualTo(403);
    AdminAuth.Verdict ok = a.mutation(bearer(TOKEN), Optional.of("alice@example.com"));
    assertThat(ok.allowed()).isTrue();
    assertThat(ok.who()).isEqualTo("alice@example.com");
    assertThat(a.mutation(bearer(TOKEN), Optional.empty()).who()).isEqualTo(AdminAuth.DEFAULT_ACTOR);
  }

  @Test
  void refusalsNeverRepeatTheTokenGiven() {
    AdminAuth a = auth(false, 60, 20);

    assertThat(a.mutation(bearer("guess-" + TOKEN), Optional.empty()).message()).doesNotContain(TOKEN);
  }

  @Test
  void anActorNameOutsideTheAllowedCharactersIsRefused() {
    AdminAuth.Verdict v = auth(false, 60, 20).mutation(bearer(TOKEN), Optional.of("bob; rm -rf /"));

    assertThat(v.status()).isEqualTo(400);
    assertThat(v.message()).contains("X-Mlops-Actor").contains("bob; rm -rf /");
  }

  @Test
  void withNoTokenConfiguredEveryMutationIsRefused() {
    AdminAuth a = new AdminAuth(new AdminSettings("", false, 60, 20, 65_536, List.of()), nanos::get);

    AdminAuth.Verdict v = a.mutation(bearer(""), Optional.empty());
    assertThat(v.status()).isEqualTo(403);
    assertThat(v.message()).contains("MLOPS_ADMIN_TOKEN");
  }

  @Test
  void readsAreOpenUnlessConfiguredOtherwise() {
    assertThat(auth(false, 60, 20).read(Optional.empty(), Optional.empty()).allowed()).isTrue();
    AdminAuth closed = auth(true, 60, 20);
    assertThat(closed.read(Optional.empty(), Optional.empty()).status()).isEqualTo(401);
    assertThat(closed.read(bearer("wrong"), Optional.empty()).status()).isEqualTo(403);
    assertThat(closed.read(bearer(TOKEN), Optional.empty()).allowed()).isTrue();
  }

  @Test
  void mutationsBeyondTheBurstWaitForTheRate() {
    AdminAuth a = auth(false, 60, 3);
    for (int i = 0; i < 3; i++) {
      assertThat(a.mutation(bearer(TOKEN), Optional.empty()).allowed()).isTrue();
    }
    AdminAuth.Verdict limited = a.mutation(bearer(TOKEN), Optional.empty());
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.retryAfterSeconds()).isEqualTo(1);

    nanos.addAndGet(1_000_000_000L); // one a second at 60 a minute
    assertThat(a.mutation(bearer(TOKEN), Optional.empty()).allowed()).isTrue();
    assertThat(a.mutation(bearer(TOKEN), Optional.empty()).status()).isEqualTo(429);
  }

  @Test
  void aRefusedTokenDoesNotSpendTheRate() {
    AdminAuth a = auth(false, 60, 1);
    for (int i = 0; i < 5; i++) {
      a.mutation(bearer("wrong"), Optional.empty());
    }
    assertThat(a.mutation(bearer(TOKEN), Optional.empty()).allowed()).isTrue();
  }

  @Test
  void theSettingsNeverPrintTheToken() {
    AdminSettings s = new AdminSettings(TOKEN, false, 60, 20, 65_536, List.of("production"));

    assertThat(s.toString()).doesNotContain(TOKEN).contains("***");
  }
}
