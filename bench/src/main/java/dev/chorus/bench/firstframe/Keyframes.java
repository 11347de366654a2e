package dev.chorus.bench.firstframe;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's side of the key frame a new viewer waits for, from {@code GET /api/admin/media}: for
 * the room's video producers (the shower's camera), the PLIs the SFU sent to the publisher, those
 * it held back because one had just gone out, and the key frames it saw per simulcast layer. Taken
 * before the click and after the first frame, the difference says what happened in between.
 */
record Keyframes(long requestsSent, long requestsThrottled, List<Long> keyframesPerLayer) {
  static final Keyframes NONE = new Keyframes(0, 0, List.of());

  static Keyframes of(String adminMediaJson, String roomId) {
    JsonObject media;
    try (var reader = Json.createReader(new StringReader(adminMediaJson))) {
      media = reader.readObject();
    }
    long sent = 0;
    long throttled = 0;
    var layers = new ArrayList<Long>();
    for (var room : media.getJsonArray("rooms").getValuesAs(JsonObject.class)) {
      if (!roomId.equals(room.getString("roomId", room.getString("id", "")))) {
        continue;
      }
      for (var producer : room.getJsonArray("producers").getValuesAs(JsonObject.class)) {
        var stats = producer.getJsonObject("stats");
        if (stats == null || !"VIDEO".equals(stats.getString("kind", ""))) {
          continue;
        }
        sent += number(stats, "keyframeRequestsSent");
        throttled += number(stats, "keyframeRequestsThrottled");
        var ls = stats.getJsonArray("layers");
        for (int i = 0; ls != null && i < ls.size(); i++) {
          var k = number(ls.getJsonObject(i), "keyframes");
          if (layers.size() <= i) {
            layers.add(k);
          } else {
            layers.set(i, layers.get(i) + k);
          }
        }
      }
    }
    return new Keyframes(sent, throttled, layers);
  }

  private static long number(JsonObject o, String name) {
    var v = o.get(name);
    return v != null && v.getValueType() == JsonValue.ValueType.NUMBER
        ? o.getJsonNumber(name).longValue()
        : 0;
  }

  /** What changed from {@code before} to this. */
  Keyframes minus(Keyframes before) {
    var layers = new ArrayList<Long>();
    for (int i = 0; i < keyframesPerLayer.size(); i++) {
      var was = i < before.keyframesPerLayer.size() ? before.keyframesPerLayer.get(i) : 0L;
      layers.add(keyframesPerLayer.get(i) - was);
    }
    return new Keyframes(
        requestsSent - before.requestsSent, requestsThrottled - before.requestsThrottled, layers);
  }

  String text() {
    return "PLI sent %d, throttled %d, key frames per layer %s"
        .formatted(requestsSent, requestsThrottled, keyframesPerLayer);
  }
}
