package dev.chorus.signaling.media;

import dev.chorus.media.sfu.MediaKind;
import dev.chorus.media.sfu.Producer;
import dev.chorus.media.sfu.RouterTransport;
import dev.chorus.media.sfu.transport.WebRtcTransport;
import dev.chorus.signaling.sdp.Origin;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One tab's send transport: the producers of the tracks its browser publishes, by m-section, and
 * the tab's mute state. The browser offers, the server answers; a later offer from the same peer
 * connection (same ICE ufrag) renegotiates on the same transport: new sections become producers,
 * sections that stopped sending close theirs. Not thread-safe: its {@link RoomMedia} serialises all
 * calls.
 */
final class Publisher {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Tab tab;
  private final WebRtcTransport transport;
  private final RouterTransport routerTransport;
  private final TransportLines lines;
  private final String remoteUfrag;
  private final String streamKey;
  private final Map<String, Producer> byMid = new LinkedHashMap<>();
  private Origin origin;
  private boolean audioMuted;
  private boolean videoMuted;

  Publisher(
      Tab tab, WebRtcTransport transport, RouterTransport routerTransport, String remoteUfrag) {
    this.tab = tab;
    this.transport = transport;
    this.routerTransport = routerTransport;
    this.lines = new TransportLines(transport.localParameters());
    this.remoteUfrag = remoteUfrag;
    if (tab.streamPrefix() != null) {
      this.streamKey = tab.streamPrefix();
    } else {
      var bytes = new byte[6];
      RANDOM.nextBytes(bytes);
      this.streamKey = "chorus-" + HexFormat.of().formatHex(bytes);
    }
    this.origin = Origin.of(Long.toString(RANDOM.nextLong() & Long.MAX_VALUE), 1);
  }

  Tab tab() {
    return tab;
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

  /** The msid stream subscribers get for this tab's tracks of one source group. */
  String streamId(String source) {
    return streamKey + "-" + TrackInfo.group(source);
  }

  /** The origin for the next answer: version 1 first, then one more per renegotiation. */
  Origin nextOrigin() {
    var current = origin;
    origin = origin.nextVersion();
    return current;
  }

  Map<String, Producer> producersByMid() {
    return byMid;
  }

  List<Producer> producers() {
    return List.copyOf(byMid.values());
  }

  void forget(Producer producer) {
    byMid.values().remove(producer);
  }

  boolean muted(MediaKind kind) {
    return kind == MediaKind.AUDIO ? audioMuted : videoMuted;
  }

  /** Sets the mute state; true if it changed. */
  boolean setMuted(boolean audio, boolean video) {
    boolean changed = audio != audioMuted || video != videoMuted;
    audioMuted = audio;
    videoMuted = video;
    return changed;
  }

  boolean audioMuted() {
    return audioMuted;
  }

  boolean videoMuted() {
    return videoMuted;
  }

  void close() {
    routerTransport.close();
    transport.close();
  }
}
