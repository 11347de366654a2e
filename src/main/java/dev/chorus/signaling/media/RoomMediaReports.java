package dev.chorus.signaling.media;

import dev.chorus.media.sfu.CloseReason;
import dev.chorus.media.sfu.Consumer;
import dev.chorus.media.sfu.Producer;
import dev.chorus.media.sfu.RouterListener;
import dev.chorus.media.sfu.RouterTransport;
import java.util.Objects;
import java.util.Optional;

/**
 * The router's reports to one {@link RoomMedia} (on the notification executor, in order), handled
 * under the room's lock as the room's own calls are: what closed on its own, and who speaks.
 */
final class RoomMediaReports implements RouterListener {
  private final RoomMedia room;
  private String speakerId;

  RoomMediaReports(RoomMedia room) {
    this.room = room;
  }

  @Override
  public void consumerClosed(Consumer consumer, CloseReason reason) {
    var out = new Outbox();
    synchronized (room) {
      if (!room.closed && room.parts.consumerClosed(consumer, out)) {
        room.parts.flushOffers(out);
      }
    }
    out.run();
  }

  @Override
  public void producerClosed(Producer producer, CloseReason reason) {
    var out = new Outbox();
    synchronized (room) {
      room.parts.producerClosed(producer, out);
    }
    out.run();
  }

  @Override
  public void transportClosed(RouterTransport transport, CloseReason reason) {
    var out = new Outbox();
    synchronized (room) {
      room.parts.transportClosed(transport);
      room.reportIfEmpty(out);
    }
    out.run();
  }

  @Override
  public void dominantSpeakerChanged(Optional<Producer> speaker) {
    jakarta.json.JsonObject message = null;
    synchronized (room) {
      var track = speaker.map(p -> room.parts.tracks.get(p.id())).orElse(null);
      if (room.closed || (speaker.isPresent() && track == null)) {
        return; // a producer closing meanwhile; the next change says who speaks
      }
      var id = track == null ? null : track.user().id();
      if (!Objects.equals(id, speakerId)) {
        speakerId = id;
        message = RoomMediaWire.speaker(room.roomId(), track == null ? null : track.user());
      }
    }
    if (message != null) {
      room.toRoom.accept(message);
    }
  }
}
