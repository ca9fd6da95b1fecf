package io.mlopsagent.agent.bench.failover;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON dialect {@link WorldServer} and {@link RemoteWorld} speak, so both ends agree on it:
 * instants and durations as ISO strings (readable in a capture, and exact), and NaN — which a
 * window uses for a metric the source could not produce — written as the string {@code "NaN"}
 * (valid JSON) and read back either as that string or as a bare {@code NaN} token.
 */
final class WorldJson {
  private WorldJson() {}

  static ObjectMapper mapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .build();
  }
}
