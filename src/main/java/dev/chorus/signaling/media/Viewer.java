package dev.chorus.signaling.media;

import dev.chorus.media.sfu.Consumer;
import dev.chorus.media.sfu.ConsumerOptions;
import dev.chorus.media.sfu.Producer;
import dev.chorus.media.sfu.RouterTransport;
import dev.chorus.media.sfu.transport.TransportState;
import dev.chorus.media.sfu.transport.WebRtcTransport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A WHEP player: one receive transport playing one stream ({@code a=msid} stream id, a publisher's
 * camera group or a WHIP stream), a consumer per line of its offer that the stream fills. Unlike a
 * {@link Subscriber} there is no offer cycle: the lines and payload types are the player's, fixed
 * by its one offer. A producer that replaces the stream's track of a kind (a camera restart, a
 * re-produce) is bound to the same line (same mid and payload type, a new SSRC, found by MID) and
 * resumed at once once connected. Not thread-safe: its {@link RoomMedia} serialises all calls.
 */
final class Viewer {
  private final Tab tab;
  private final String streamId;
  private final WebRtcTransport transport;
  private final RouterTransport routerTransport;
  private final TransportLines lines;
  private final Map<String, PlayAnswer.Play> plays = new LinkedHashMap<>();
  private final Map<String, Consumer> consumers = new LinkedHashMap<>();
  private final String remoteUfrag;

  Viewer(
      Tab tab,
      String streamId,
      WebRtcTransport transport,
      RouterTransport routerTransport,
      List<PlayAnswer.Line> plan,
      String remoteUfrag) {
    this.tab = tab;
    this.streamId = streamId;
    this.transport = transport;
    this.routerTransport = routerTransport;
    this.lines = new TransportLines(transport.localParameters());
    this.remoteUfrag = remoteUfrag;
    for (var line : plan) {
      if (line instanceof PlayAnswer.Play p) {
        plays.put(p.mid(), p);
      }
    }
  }

  Tab tab() {
    return tab;
  }

  String streamId() {
    return streamId;
  }

  WebRtcTransport transport() {
    return transport;
  }

  RouterTransport routerTransport() {
    return routerTransport;
  }

  TransportLines lines() {
    return lines;
  }

  String remoteUfrag() {
    return remoteUfrag;
  }

  /**
   * Consumes {@code producer} (of this viewer's stream) on the line of its kind, replacing what the
   * line had; nothing if there is no such line or the line's codec is another one. Resumed at once
   * (from {@code out}: a resume asks for a key frame) when the transport is connected.
   *
   * @return the consumer, if bound
   * @throws IllegalStateException if the producer or this transport closed meanwhile
   */
  Optional<Consumer> bind(Producer producer, Outbox out) {
    var play =
        plays.values().stream().filter(p -> p.kind() == producer.kind()).findFirst().orElse(null);
    var published = producer.options().codecs();
    if (play == null
        || published.isEmpty()
        || !published
            .get(0)
            .mimeType()
            .toLowerCase(Locale.ROOT)
            .equals(play.rtp().mimeType().toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    var options =
        ConsumerOptions.defaults()
            .withMid(play.mid(), play.ids())
            .withCodecs(List.of(play.rtp()))
            .withRtx(play.rtp().hasRtx())
            .withPaused(true);
    var consumer = routerTransport.consume(producer, options);
    var old = consumers.put(play.mid(), consumer);
    if (old != null && old != consumer) {
      out.later(old::close);
    }
    if (transport.state() == TransportState.CONNECTED) {
      out.later(consumer::resume);
    }
    return Optional.of(consumer);
  }

  /** The consumers per mid, for the answer. */
  Map<String, Consumer> consumers() {
    return Map.copyOf(consumers);
  }

  /** A consumer closed: its line carries nothing until the stream re-produces. */
  boolean consumerClosed(Consumer consumer) {
    return consumers.values().remove(consumer);
  }

  /** The transport connected: resumes (from {@code out}) every consumer. */
  void resumeAll(Outbox out) {
    for (var c : consumers.values()) {
      if (c.isPaused()) {
        out.later(c::resume);
      }
    }
  }

  void close() {
    routerTransport.close();
    transport.close();
  }
}
