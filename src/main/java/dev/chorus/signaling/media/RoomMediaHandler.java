package dev.chorus.signaling.media;

import dev.chorus.im.room.RoomOccupancy;
import dev.chorus.media.ice.IceCandidate;
import dev.chorus.media.sfu.ProducerOptions;
import dev.chorus.signaling.Connection;
import dev.chorus.signaling.Envelope;
import dev.chorus.signaling.Fields;
import dev.chorus.signaling.SocketError;
import dev.chorus.signaling.SocketHandler;
import dev.chorus.signaling.sdp.SdpParseException;
import dev.chorus.signaling.sdp.SessionDescription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Room audio and video on the socket (docs/protocol.md): publish a tab's camera and microphone,
 * subscribe to everyone else's, answer the server's offers, trickle candidates, tell the room about
 * mute, and close. Only a tab that has entered the room may do any of it, and only a user on the
 * room's show list may publish.
 */
@ApplicationScoped
public class RoomMediaHandler implements SocketHandler {
  @Inject RoomMediaService service;
  @Inject RoomOccupancy occupancy;

  @Override
  public Set<String> types() {
    return Set.of(
        "room.media.publish",
        "room.media.subscribe",
        "room.media.answer",
        "room.media.candidate",
        "room.media.mute",
        "room.media.layer",
        "room.media.close");
  }

  @Override
  public void handle(Connection from, Envelope m) throws SocketError {
    var roomId = Fields.string(m, "roomId");
    var tab = Tab.of(from);
    try {
      if (m.type().equals("room.media.close")) {
        service.closeTab(roomId, tab.id());
        from.send(m.reply("ack").build());
        return;
      }
      if (!occupancy.isTabIn(roomId, from.id())) {
        throw new SocketError(m.id(), "not_in_room", "Enter the room first.");
      }
      switch (m.type()) {
        case "room.media.publish" -> publish(from, m, roomId, tab);
        case "room.media.subscribe" -> {
          var transportId = service.subscribe(roomId, tab);
          from.send(
              m.reply("room.media.subscribed")
                  .add("roomId", roomId)
                  .add("transportId", transportId)
                  .build());
          service.sendOffers(roomId, tab);
        }
        case "room.media.answer" -> {
          service.answer(roomId, tab, sdp(m), Fields.positiveLong(m, "version"));
          from.send(m.reply("ack").build());
        }
        case "room.media.candidate" -> candidate(m, roomId, tab);
        case "room.media.layer" -> {
          service.preferLayer(roomId, tab, Fields.string(m, "mid"), layer(m));
          from.send(m.reply("ack").build());
        }
        case "room.media.mute" -> {
          service.mute(roomId, tab, bool(m, "audio"), bool(m, "video"));
          from.send(m.reply("ack").build());
        }
        default -> throw new IllegalArgumentException(m.type());
      }
    } catch (MediaRefused e) {
      throw new SocketError(m.id(), e.code(), e.getMessage());
    } catch (RoomMedia.Gone e) {
      throw new SocketError(m.id(), "not_in_session", "This tab has no media in that room.");
    }
  }

  private void publish(Connection from, Envelope m, String roomId, Tab tab)
      throws SocketError, MediaRefused {
    boolean showing =
        occupancy.occupants(roomId).stream()
            .anyMatch(o -> o.showing() && o.user().id().equals(from.accountId()));
    if (!showing) {
      throw new SocketError(m.id(), "not_showing", "Send room.show before publishing.");
    }
    var offer = sdp(m);
    var answer = service.publish(roomId, tab, offer, sources(m));
    from.send(m.reply("room.media.published").add("roomId", roomId).add("sdp", answer).build());
  }

  private void candidate(Envelope m, String roomId, Tab tab) throws SocketError, MediaRefused {
    var direction = Fields.string(m, "direction");
    if (!direction.equals("send") && !direction.equals("recv")) {
      throw new SocketError(m.id(), "bad_request", "'direction' must be send or recv.");
    }
    var text = Fields.string(m, "candidate");
    if (text.isBlank()) {
      return; // end of candidates
    }
    var candidate = IceCandidate.parse(text);
    if (candidate.isPresent()) {
      service.candidate(roomId, tab, direction.equals("send"), candidate.get());
    }
  }

  private static SessionDescription sdp(Envelope m) throws SocketError {
    try {
      return SessionDescription.parse(Fields.string(m, "sdp")).orElseThrow();
    } catch (SdpParseException e) {
      throw new SocketError(m.id(), "bad_sdp", "Not valid SDP: " + e.getMessage());
    }
  }

  /** {@code tracks: [{mid, source}]}: what each offered section shows (camera, screen…). */
  private static Map<String, String> sources(Envelope m) {
    var out = new HashMap<String, String>();
    if (m.body().get("tracks") instanceof jakarta.json.JsonArray tracks) {
      for (JsonValue v : tracks) {
        if (v instanceof JsonObject t
            && t.get("mid") instanceof JsonString mid
            && t.get("source") instanceof JsonString source) {
          out.put(mid.getString(), source.getString());
        }
      }
    }
    return out;
  }

  private static int layer(Envelope m) throws SocketError {
    if (m.body().get("layer") instanceof jakarta.json.JsonNumber n
        && n.isIntegral()
        && n.longValue() >= -1
        && n.longValue() < ProducerOptions.MAX_LAYERS) {
      return n.intValue();
    }
    throw new SocketError(
        m.id(), "bad_request", "'layer' must be -1 (best) or a layer number from 0 (lowest).");
  }

  private static boolean bool(Envelope m, String name) throws SocketError {
    var v = m.body().get(name);
    if (v == JsonValue.TRUE) {
      return true;
    }
    if (v == JsonValue.FALSE) {
      return false;
    }
    throw new SocketError(m.id(), "bad_request", "'" + name + "' must be true or false.");
  }
}
