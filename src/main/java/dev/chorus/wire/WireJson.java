package dev.chorus.wire;

import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/**
 * Serializes a shape for the socket exactly as the REST API does (default JSON-B: record
 * components, nulls left out, {@code Instant} as ISO-8601), so the two cannot disagree. The extra
 * text round trip costs microseconds on chat and room pushes, never on the media path.
 */
public final class WireJson {
  // Thread-safe (JSON-B 3.0 §3.3), created once: building one loads the provider.
  private static final Jsonb JSONB = JsonbBuilder.create();

  private WireJson() {}

  public static JsonObject object(Object shape) {
    return JsonP.parseObject(JSONB.toJson(shape));
  }
}
