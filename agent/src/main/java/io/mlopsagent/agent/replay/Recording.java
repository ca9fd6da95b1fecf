package io.mlopsagent.agent.replay;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mlopsagent.persistence.DatabaseTarget;
import io.mlopsagent.persistence.JournalReader;
import java.time.Duration;
import org.apache.pekko.actor.ActorSystem;

/**
 * A journal opened for reading only, with the local actor system whose serializers turn its rows
 * back into events. The system has no cluster, no journal plugin and no remoting: nothing in it
 * can write to the journal or reach another node.
 */
final class Recording implements AutoCloseable {
  private static final Config LOCAL = ConfigFactory.parseString(String.join("\n",
      "pekko.actor.provider = local",
      "pekko.loglevel = WARNING",
      "pekko.stdout-loglevel = WARNING",
      "pekko.log-dead-letters = off",
      "pekko.actor.allow-java-serialization = off",
      "pekko.coordinated-shutdown.exit-jvm = off",
      "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off"));

  private final ActorSystem system;
  private final JournalReader reader;

  private Recording(ActorSystem system, JournalReader reader) {
    this.system = system;
    this.reader = reader;
  }

  /** @throws io.mlopsagent.persistence.DatabaseUnavailableException when the journal cannot be read */
  static Recording open(DatabaseTarget target, Duration timeout) {
    // Only the libraries' reference settings (the serializer bindings among them), not the daemon's.
    ActorSystem system = ActorSystem.create("mlops-replay",
        LOCAL.withFallback(ConfigFactory.defaultReference(Recording.class.getClassLoader())));
    try {
      return new Recording(system, JournalReader.open(system, target, timeout));
    } catch (RuntimeException e) {
      system.terminate();
      throw e;
    }
  }

  JournalReader reader() {
    return reader;
  }

  @Override
  public void close() {
    reader.close();
    system.terminate();
  }
}
