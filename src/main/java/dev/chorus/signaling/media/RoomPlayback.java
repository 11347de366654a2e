package dev.chorus.signaling.media;

import dev.chorus.media.sfu.Consumer;
import dev.chorus.media.sfu.MediaKind;
import dev.chorus.signaling.sdp.Origin;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The streams of one {@link RoomMedia} as WHEP sees them: what is published (grouped by {@code
 * a=msid} stream), and a player of one stream ({@link Viewer}). Runs under the room's lock as the
 * room's own calls do, with the transport made without it, and closes and resumes from an {@link
 * Outbox} after it.
 */
final class RoomPlayback {
  private final RoomMedia room;

  RoomPlayback(RoomMedia room) {
    this.room = room;
  }

  /**
   * A WHEP player of stream {@code streamId} (a publisher's camera group or a WHIP stream); returns
   * the SDP answer. Its transport is made without the lock, as a subscriber's is.
   */
  String play(Tab tab, PlayOffer offer, String streamId) throws MediaRefused {
    synchronized (room) {
      room.checkOpen();
      PlayAnswer.plan(offer, published(streamId));
      room.parts.admitViewer(tab.id(), room.limits.subscribers());
    }
    var fresh = room.newTransport(tab, "recv");
    var out = new Outbox();
    boolean used = false;
    try {
      synchronized (room) {
        room.checkOpen();
        var plan = PlayAnswer.plan(offer, published(streamId));
        room.parts.admitViewer(tab.id(), room.limits.subscribers());
        var remote = offer.remote();
        var viewer =
            new Viewer(tab, streamId, fresh, room.router().attach(fresh), plan, remote.ufrag());
        used = true;
        try {
          room.parts.addViewer(viewer, out);
          var sources = new HashMap<String, PlayAnswer.Source>();
          viewer.consumers().forEach((mid, c) -> sources.put(mid, source(c)));
          var answer =
              PlayAnswer.answer(offer, plan, sources, viewer.lines(), Origin.of(newSessionId(), 1));
          fresh.setRemote(
              remote.ufrag(), remote.password(), remote.fingerprints(), remote.candidates());
          return answer;
        } catch (IllegalArgumentException | IllegalStateException e) {
          room.parts.closeViewer(viewer, out);
          throw new MediaRefused("bad_sdp", "The offer cannot be played: " + e.getMessage());
        }
      }
    } finally {
      if (!used) {
        out.later(fresh::close);
      }
      out.run();
    }
  }

  /** The codec (mime type) of each kind stream {@code streamId} has; no_such_stream if none. */
  private Map<MediaKind, String> published(String streamId) throws MediaRefused {
    var out = new EnumMap<MediaKind, String>(MediaKind.class);
    for (var t : room.parts.tracks.values()) {
      if (t.streamId().equals(streamId)) {
        room.router()
            .producer(t.producerId())
            .filter(p -> !p.options().codecs().isEmpty())
            .ifPresent(p -> out.put(p.kind(), p.options().codecs().get(0).mimeType()));
      }
    }
    if (out.isEmpty()) {
      throw new MediaRefused("no_such_stream", "Nobody publishes stream " + streamId + " here.");
    }
    return out;
  }

  private PlayAnswer.Source source(Consumer c) {
    var track = room.parts.tracks.get(c.producer().id());
    var cname = c.producer().options().cname();
    return new PlayAnswer.Source(
        c.ssrc(),
        c.rtxSsrc(),
        cname == null ? "chorus" : cname,
        track == null ? null : track.fmtp(),
        track == null ? "chorus" : track.streamId(),
        c.id());
  }

  private static String newSessionId() {
    return Long.toString(
        java.util.concurrent.ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  }

  /** What is published here, one entry per stream (a publisher's source group). */
  List<StreamInfo> streams() {
    synchronized (room) {
      return streamsLocked();
    }
  }

  private List<StreamInfo> streamsLocked() {
    var byId = new LinkedHashMap<String, List<TrackInfo>>();
    for (var t : room.parts.tracks.values()) {
      byId.computeIfAbsent(t.streamId(), k -> new ArrayList<>()).add(t);
    }
    var out = new ArrayList<StreamInfo>();
    byId.forEach(
        (id, tracks) -> {
          var first = tracks.get(0);
          var publisher = room.parts.publishers.get(first.tabId());
          boolean audio = tracks.stream().anyMatch(t -> t.kind() == MediaKind.AUDIO);
          String codec = null;
          int layers = 0;
          for (var t : tracks) {
            if (t.kind() == MediaKind.VIDEO) {
              var p = room.router().producer(t.producerId()).orElse(null);
              if (p != null && !p.options().codecs().isEmpty()) {
                codec = p.options().codecs().get(0).mimeType();
                layers = p.options().encodings().size();
              }
            }
          }
          int players =
              (int)
                  room.parts.viewers.values().stream().filter(v -> v.streamId().equals(id)).count();
          out.add(
              new StreamInfo(
                  id,
                  first.user(),
                  TrackInfo.group(first.source()),
                  publisher != null && publisher.tab().kind() == Tab.Kind.WHIP,
                  first.tabId(),
                  audio,
                  codec,
                  layers,
                  players));
        });
    return out;
  }
}
