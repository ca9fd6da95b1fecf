package io.mlopsagent.actors.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ActionErrorRedactionTest {

  @Test
  void credentialsInUrlsNeverReachTheJournal() {
    String message = JournalEntries.redacted(new CompletionException(new IllegalStateException(
        "POST https://ci.example/hooks/retrain?token=s3cret&x=1 failed; also https://bob:pw@host/p")));

    assertThat(message).doesNotContain("s3cret").doesNotContain("bob:pw")
        .contains("https://ci.example/hooks/retrain?***").contains("https://***@host/p");
  }

  @Test
  void longOrMultiLineErrorsAreCutToOneBoundedLine() {
    String message = JournalEntries.redacted(new RuntimeException("first line\n" + "x".repeat(1000)));

    assertThat(message).isEqualTo("first line");
    assertThat(JournalEntries.redacted(new RuntimeException("y".repeat(1000)))).hasSize(303);
  }
}
