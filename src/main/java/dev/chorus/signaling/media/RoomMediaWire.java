package dev.chorus.signaling.media;

import dev.chorus.im.account.UserRef;
import dev.chorus.media.sfu.transport.TransportState;
import dev.chorus.signaling.Wire;
import dev.chorus.wire.JsonP;
import jakarta.json.JsonObject;
import java.util.Locale;

/** The room media messages the server pushes (see docs/protocol.md). */
final class RoomMediaWire {
  private RoomMediaWire() {}

  /** {@code room.media.offer}: the receive transport's next offer and what each section carries. */
  static JsonObject offer(
      String roomId, Subscriber subscriber, Subscriber.Offer offer, MuteLookup muted) {
    var tracks = JsonP.array();
    for (var slot : offer.slots()) {
      if (slot.consumer == null) {
        continue;
      }
      var t = slot.track;
      tracks.add(
          JsonP.object()
              .add("mid", slot.mid)
              .add("kind", t.kindName())
              .add("source", t.source())
              .add("producerId", t.producerId())
              .add("ssrc", slot.consumer.ssrc())
              .add("stream", t.streamId())
              .add("user", Wire.user(t.user()))
              .add("muted", muted.muted(t)));
    }
    return Wire.push("room.media.offer")
        .add("roomId", roomId)
        .add("transportId", subscriber.transport().id())
        .add("version", offer.version())
        .add("sdp", offer.sdp())
        .add("tracks", tracks)
        .build();
  }

  /**
   * {@code room.media.unplayable}: the tab's answer rejected a track, nearly always because the
   * browser cannot decode the codec it is published in (the router does not transcode).
   */
  static JsonObject unplayable(String roomId, Subscriber.Refusal refusal) {
    var t = refusal.track();
    var mime = refusal.codec().mimeType();
    var codec = mime.substring(mime.indexOf('/') + 1);
    var name = codec.equalsIgnoreCase("h264") ? "H.264" : codec;
    return Wire.push("room.media.unplayable")
        .add("roomId", roomId)
        .add("producerId", t.producerId())
        .add("kind", t.kindName())
        .add("source", t.source())
        .add("user", Wire.user(t.user()))
        .add("codec", codec)
        .add(
            "message",
            "This browser cannot play the "
                + t.source()
                + " of "
                + t.user().displayName()
                + ": it is sent as "
                + name
                + " "
                + t.kindName()
                + ", which this browser does not decode.")
        .build();
  }

  /** Whether a track's publisher has muted it. */
  @FunctionalInterface
  interface MuteLookup {
    boolean muted(TrackInfo track);
  }

  /** {@code room.media.state}: a transport of the tab connected, failed or closed. */
  static JsonObject state(
      String roomId, String transportId, String direction, TransportState state) {
    return Wire.push("room.media.state")
        .add("roomId", roomId)
        .add("transportId", transportId)
        .add("direction", direction)
        .add("state", state.name().toLowerCase(Locale.ROOT))
        .build();
  }

  /** {@code room.media.muted}: a publisher's microphone or camera mute changed. */
  static JsonObject muted(String roomId, UserRef user, boolean audio, boolean video) {
    return Wire.push("room.media.muted")
        .add("roomId", roomId)
        .add("user", Wire.user(user))
        .add("audio", audio)
        .add("video", video)
        .build();
  }

  /** {@code room.speaker}: the dominant speaker, or null when nobody speaks any more. */
  static JsonObject speaker(String roomId, UserRef user) {
    var b = Wire.push("room.speaker").add("roomId", roomId);
    if (user == null) {
      b.addNull("user");
    } else {
      b.add("user", Wire.user(user));
    }
    return b.build();
  }
}
