package dev.chorus.wire;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;

/**
 * JSON-P through one provider looked up once. The static {@code jakarta.json.Json} factories look
 * the provider up on every call, and in an application server that lookup scans the class path
 * ({@code ServiceLoader}): measured at a third of the signaling CPU while a room of 100 fills
 * (bench/README.md, "Load bench"). A provider's factories are thread-safe (JSON-P 2.1, {@link
 * JsonProvider}).
 */
public final class JsonP {
  private static final JsonProvider PROVIDER = JsonProvider.provider();

  private JsonP() {}

  public static JsonObjectBuilder object() {
    return PROVIDER.createObjectBuilder();
  }

  /** A builder that starts with {@code o}'s members. */
  public static JsonObjectBuilder object(JsonObject o) {
    return PROVIDER.createObjectBuilder(o);
  }

  public static JsonArrayBuilder array() {
    return PROVIDER.createArrayBuilder();
  }

  /**
   * Parses one JSON value.
   *
   * @throws jakarta.json.JsonException when {@code text} is not one
   */
  public static JsonValue parse(String text) {
    try (var reader = PROVIDER.createReader(new StringReader(text))) {
      return reader.readValue();
    }
  }

  /**
   * Parses a JSON object.
   *
   * @throws jakarta.json.JsonException or {@link jakarta.json.stream.JsonParsingException} when
   *     {@code text} is not one
   */
  public static JsonObject parseObject(String text) {
    try (var reader = PROVIDER.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }
}
