package io.mlopsagent.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigrationTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Test
  void createsJournalTablesInAnH2FileAndIsHarmlessTheSecondTime(@TempDir Path dir) throws Exception {
    DatabaseTarget target = new DatabaseTarget.H2File(dir.resolve("data"));

    SchemaMigration.Outcome first = SchemaMigration.migrate(target, TIMEOUT);
    SchemaMigration.Outcome second = SchemaMigration.migrate(target, TIMEOUT);

    assertThat(first.applied()).isEqualTo(1);
    assertThat(second.applied()).isZero();
    assertThat(second.version()).isEqualTo("1");
    assertThat(tables(target)).contains("event_journal", "event_tag", "snapshot");
  }

  @Test
  @Tag("slow")
  @ExtendWith(ThrowawayPostgres.Extension.class)
  void createsJournalTablesInPostgresAndIsHarmlessTheSecondTime(ThrowawayPostgres pg) throws Exception {
    DatabaseTarget target = new DatabaseTarget.Postgres(pg.newDatabase(), pg.user(), "");

    assertThat(SchemaMigration.migrate(target, TIMEOUT).applied()).isEqualTo(1);
    assertThat(SchemaMigration.migrate(target, TIMEOUT).applied()).isZero();
    assertThat(tables(target)).contains("event_journal", "event_tag", "snapshot");
  }

  @Test
  void anUnreachableDatabaseIsNamedInOneLine() {
    DatabaseTarget target =
        new DatabaseTarget.Postgres("jdbc:postgresql://127.0.0.1:1/none?password=hunter2", "bob", "s3cret");

    assertThatThrownBy(() -> SchemaMigration.migrate(target, TIMEOUT))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageStartingWith("cannot reach database jdbc:postgresql://127.0.0.1:1/none")
        .hasMessageContaining("as user 'bob'")
        .hasMessageNotContaining("hunter2")
        .hasMessageNotContaining("s3cret")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aDataDirectoryThatIsAFileIsRefusedWithItsPath(@TempDir Path dir) throws Exception {
    Path notADir = Files.writeString(dir.resolve("occupied"), "x");

    assertThatThrownBy(() -> SchemaMigration.migrate(new DatabaseTarget.H2File(notADir), TIMEOUT))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageContaining("occupied");
  }

  @Test
  void aNonPostgresUrlIsRefusedAtTheEdge() {
    assertThatThrownBy(() -> new DatabaseTarget.Postgres("jdbc:mysql://db/x", "", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:mysql://db/x")
        .hasMessageContaining("jdbc:postgresql://");
  }

  private static Set<String> tables(DatabaseTarget target) throws Exception {
    Set<String> names = new TreeSet<>();
    try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
        ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME").toLowerCase());
      }
    }
    return names;
  }
}
