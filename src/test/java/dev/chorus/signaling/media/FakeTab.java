package dev.chorus.signaling.media;

import dev.chorus.im.account.UserRef;
import dev.chorus.signaling.sdp.Connection;
import dev.chorus.signaling.sdp.Direction;
import dev.chorus.signaling.sdp.Fingerprint;
import dev.chorus.signaling.sdp.IceCredentials;
import dev.chorus.signaling.sdp.MediaDescription;
import dev.chorus.signaling.sdp.Origin;
import dev.chorus.signaling.sdp.SessionDescription;
import dev.chorus.signaling.sdp.Setup;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** A tab that keeps what the server sends it, and answers offers like a browser would. */
final class FakeTab implements Tab {
  private final String id;
  private final UserRef user;
  final List<JsonObject> received = new ArrayList<>();

  FakeTab(String id, String username) {
    this.id = id;
    this.user = new UserRef("account-" + username, username, username.toUpperCase());
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public UserRef user() {
    return user;
  }

  @Override
  public synchronized void send(JsonObject message) {
    received.add(message);
  }

  synchronized List<JsonObject> ofType(String type) {
    return received.stream().filter(m -> m.getString("type").equals(type)).toList();
  }

  /** The newest room.media.offer, or null. */
  synchronized JsonObject lastOffer() {
    var offers = ofType("room.media.offer");
    return offers.isEmpty() ? null : offers.get(offers.size() - 1);
  }

  /** The usernames in an offer's tracks, one per track. */
  static List<String> trackUsers(JsonObject offer) {
    return offer.getJsonArray("tracks").stream()
        .map(t -> t.asJsonObject().getJsonObject("user").getString("username"))
        .toList();
  }

  /** A browser's answer to a server offer: recvonly where it sends, inactive elsewhere. */
  static SessionDescription answer(String offerSdp) {
    var offer = SdpFixtures.parseText(offerSdp);
    var b = SessionDescription.builder(Origin.of("99", 1)).bundle(offer.bundleMids());
    for (var m : offer.media()) {
      var section =
          MediaDescription.builder(m.media(), 9, m.protocol())
              .connection(Connection.IP4_ANY)
              .iceCredentials(new IceCredentials("brws", "browserPassword0123456789"))
              .fingerprint(
                  new Fingerprint(
                      "sha-256",
                      "01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:"
                          + "01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF"))
              .setup(Setup.ACTIVE)
              .mid(m.mid().orElseThrow())
              .direction(
                  offer.direction(m) == Direction.SENDONLY
                      ? Direction.RECVONLY
                      : Direction.INACTIVE)
              .rtcpMux();
      m.formats().forEach(section::format);
      b.media(section.build());
    }
    return b.build();
  }

  /** A browser's offer from a fixture, without candidates: tests reach nothing but 127.0.0.1. */
  static SessionDescription offer(String fixture) {
    return SdpFixtures.parseText(
        SdpFixtures.text(fixture).replaceAll("a=candidate:[^\r\n]*\r\n", ""));
  }
}
