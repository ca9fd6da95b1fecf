package io.mlopsagent.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;

/**
 * The Pekko configuration that points journal, snapshot store and read journal at one database:
 * the static part from {@code mlops-journal.conf}, the target's URL, credentials and dialect built
 * here. Every actor system of the project (daemon, simulator, tests) gets its journal this way.
 */
public final class JournalSettings {
  private static final String DB = "pekko-persistence-jdbc.shared-databases.slick.";

  private JournalSettings() {}

  /** A config layer to put in front of the application config. */
  public static Config forTarget(DatabaseTarget target) {
    return ConfigFactory.parseResources(JournalSettings.class.getClassLoader(), "mlops-journal.conf")
        .withValue(DB + "profile", ConfigValueFactory.fromAnyRef(target.slickProfile()))
        .withValue(DB + "db.url", ConfigValueFactory.fromAnyRef(target.jdbcUrl()))
        .withValue(DB + "db.user", ConfigValueFactory.fromAnyRef(target.user()))
        .withValue(DB + "db.password", ConfigValueFactory.fromAnyRef(target.password()))
        .withValue(DB + "db.driver", ConfigValueFactory.fromAnyRef(target.driverClass()));
  }
}
