package dev.chorus.signaling.media;

import dev.chorus.im.account.UserRef;
import dev.chorus.im.audit.AuditEvent;
import dev.chorus.im.room.RoomEvent;
import dev.chorus.im.room.RoomStreamDoor;
import dev.chorus.im.session.AllSessionsRevoked;
import dev.chorus.im.session.SessionRevoked;
import dev.chorus.im.stream.StreamKeyRevoked;
import dev.chorus.media.ice.IceCandidate;
import dev.chorus.signaling.sdp.SdpFragment;
import dev.chorus.signaling.sdp.SdpParseException;
import dev.chorus.signaling.sdp.SessionDescription;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * WHIP and WHEP sessions in rooms: the one entry of the HTTP edge ({@code dev.chorus.streams}) into
 * room media. A WHIP stream publishes as its own pseudo-occupant ({@code stream:<id>}, username
 * {@code ~…}), shown in the room like someone who shows; a WHEP session plays one stream. Sessions
 * end (idempotently, each once) on DELETE, when their transport ends (ICE or DTLS failure, consent
 * lost, close_notify, the room's media closing), when not connected within {@code
 * chorus.streams.connect-timeout}, when a moderator stops the stream, when the session token behind
 * them is revoked, when their owner is removed from the room, when the stream stops showing, and
 * (WHIP) when a new POST with the same stream key replaces them (an encoder reconnecting).
 *
 * <p>Session ids are 128 random bits (RFC 9725 §7: session URLs must not be guessable). Nothing is
 * called under a lock here: the map is concurrent and each end runs after it was taken out.
 */
@ApplicationScoped
public class RoomStreams {
  private static final Logger LOG = Logger.getLogger(RoomStreams.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._()'-]{1,40}");

  @Inject RoomMediaService media;
  @Inject RoomStreamDoor door;
  @Inject Event<AuditEvent> audit;
  @Inject Clock clock;

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  @Inject
  @ConfigProperty(name = "chorus.streams.max-sessions", defaultValue = "600")
  int maxSessions;

  @Inject
  @ConfigProperty(name = "chorus.streams.connect-timeout", defaultValue = "PT30S")
  Duration connectTimeout;

  private final Map<String, StreamSession> sessions = new ConcurrentHashMap<>();

  /**
   * Who publishes: the account behind it (a session's, or a key's creator), and with a stream key
   * its id and name.
   *
   * @param credential the key id or the session token's hash (what revocation names)
   * @param name {@code ?name=}, or null
   */
  public record Publishing(
      UserRef owner, String credential, String keyId, String keyName, String name) {}

  /** Who plays: the account behind it and what authorised it. */
  public record Playing(UserRef owner, String credential) {}

  /** A session made: its id (for the Location URL), the SDP answer and the ETag. */
  public record Created(String sessionId, String answer, String etag) {}

  /**
   * Publishes a WHIP offer into the room. The caller checked the credential and that its owner may
   * publish there; this checks the offer, publishes, and enters the stream into the room.
   */
  public Created whip(String roomId, Publishing who, String sdp) throws MediaRefused {
    var offer = parse(sdp);
    WhipOffer.of(offer); // a bad offer costs nothing and replaces nobody
    var name = streamName(who);
    admit();
    if (who.keyId() != null) {
      endWhere(s -> who.keyId().equals(s.keyId()) && s.kind() == Tab.Kind.WHIP, "replaced");
    }
    var sid = newId();
    var refId = who.keyId() != null ? who.keyId() : sid;
    var ref =
        new UserRef(
            "stream:" + refId, "~" + refId.substring(0, Math.min(10, refId.length())), name);
    var prefix =
        who.keyId() != null
            ? "key-" + who.keyId().substring(0, Math.min(8, who.keyId().length()))
            : "whip-" + sid.substring(0, 12);
    var party = new HttpParty(Tab.Kind.WHIP, sid, ref, prefix, this::ended);
    var answer = media.publishParty(roomId, party, offer);
    var session =
        new StreamSession(
            sid,
            roomId,
            party,
            newEtag(),
            offer.iceCredentials().map(c -> c.ufrag()).orElse(""),
            who.credential(),
            who.owner(),
            ref,
            who.keyId(),
            clock.instant());
    sessions.put(sid, session);
    try {
      door.enterStream(roomId, ref, party.id());
    } catch (RuntimeException e) {
      end(session, "refused");
      throw e;
    }
    audit.fire(new AuditEvent(who.owner(), "stream.started", roomId, "WHIP stream " + name, null));
    watch(session);
    return new Created(sid, answer, session.etag());
  }

  /** Plays stream {@code streamId} of the room to a WHEP offer. The caller checked access. */
  public Created whep(String roomId, String streamId, Playing who, String sdp) throws MediaRefused {
    var offer = parse(sdp);
    admit();
    var sid = newId();
    var party = new HttpParty(Tab.Kind.WHEP, sid, who.owner(), null, this::ended);
    var answer = media.play(roomId, party, offer, streamId);
    var session =
        new StreamSession(
            sid,
            roomId,
            party,
            newEtag(),
            offer.iceCredentials().map(c -> c.ufrag()).orElse(""),
            who.credential(),
            who.owner(),
            null,
            null,
            clock.instant());
    sessions.put(sid, session);
    watch(session);
    return new Created(sid, answer, session.etag());
  }

  /**
   * Trickled candidates for a session (RFC 9725 §4.3.1). {@code ifMatch} must be the session's
   * ETag; {@code *} asks for an ICE restart, which is not supported. Candidates of another ICE
   * ufrag than the session's are ignored.
   */
  public void trickle(
      String roomId, boolean whip, String sessionId, String ifMatch, SdpFragment fragment)
      throws MediaRefused {
    var session = session(roomId, whip, sessionId);
    if (ifMatch == null || ifMatch.isBlank()) {
      throw new MediaRefused(
          "precondition_required", "Send If-Match with the ETag of the session's 201.");
    }
    if (ifMatch.strip().equals("*")) {
      throw new MediaRefused(
          "ice_restart_unsupported",
          "ICE restarts are not supported: DELETE the session and POST a new offer.");
    }
    if (!matches(ifMatch, session.etag())) {
      throw new MediaRefused("stale_etag", "If-Match does not match the session's ETag.");
    }
    if (fragment.ufrag().isPresent() && !fragment.ufrag().get().equals(session.remoteUfrag())) {
      return;
    }
    for (var c : fragment.candidates()) {
      IceCandidate.parse(c.attributeValue())
          .ifPresent(ice -> media.partyCandidate(roomId, session.party(), ice));
    }
  }

  /** Ends a session by its URL (DELETE). */
  public void delete(String roomId, boolean whip, String sessionId) throws MediaRefused {
    end(session(roomId, whip, sessionId), "deleted");
  }

  /** What is published in the room now. */
  public List<StreamInfo> streams(String roomId) {
    return media.streams(roomId);
  }

  /** A moderator stops a WHIP stream; the caller checked the right. */
  public void stopStream(String roomId, String streamId) throws MediaRefused {
    var info =
        media.streams(roomId).stream()
            .filter(s -> s.id().equals(streamId) && s.whip())
            .findFirst()
            .orElseThrow(
                () ->
                    new MediaRefused(
                        "no_such_stream", "No WHIP stream " + streamId + " in this room."));
    endWhere(s -> s.party().id().equals(info.partyId()), "stopped");
  }

  /**
   * A stream key was revoked: its WHIP and WHEP sessions end now. To be called by an observer of
   * the key service's revocation event (the key service lives in {@code im.stream}).
   */
  public void keyRevoked(String keyId) {
    endWhere(s -> keyId.equals(s.credential()), "key_revoked");
  }

  /** Sessions now, for the admin and tests. */
  public int sessionCount() {
    return sessions.size();
  }

  // ---- ends ----

  /** A session's transport ended (told by its party, without any lock). */
  private void ended(String sessionId, String reason) {
    var session = sessions.get(sessionId);
    if (session != null) {
      end(session, reason);
    }
  }

  private void endWhere(Predicate<StreamSession> which, String reason) {
    for (var s : List.copyOf(sessions.values())) {
      if (which.test(s)) {
        end(s, reason);
      }
    }
  }

  private void end(StreamSession session, String reason) {
    if (!sessions.remove(session.id(), session)) {
      return; // ended already
    }
    try {
      media.closeParty(session.roomId(), session.party().id());
      if (session.streamRef() != null) {
        door.leaveStream(session.roomId(), session.streamRef(), session.party().id());
        audit.fire(
            new AuditEvent(
                session.owner(),
                "stream.ended",
                session.roomId(),
                "WHIP stream " + session.streamRef().displayName() + ": " + reason,
                null));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not end stream session cleanly", e);
    }
  }

  void onRoomEvent(@Observes(during = TransactionPhase.AFTER_SUCCESS) RoomEvent event) {
    if (event instanceof RoomEvent.RoomClosed) {
      endWhere(s -> s.roomId().equals(event.roomId()), "room_closed");
    } else if (event instanceof RoomEvent.MemberRemoved e) {
      endWhere(
          s -> s.roomId().equals(e.roomId()) && s.owner().id().equals(e.user().id()), "removed");
    } else if (event instanceof RoomEvent.ShowChanged e && !e.showing()) {
      endWhere(s -> e.user().equals(s.streamRef()) && s.roomId().equals(e.roomId()), "unshown");
    }
  }

  /** A revoked stream key ends the streams it publishes and the players it admitted. */
  void onStreamKeyRevoked(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) StreamKeyRevoked event) {
    keyRevoked(event.keyId());
  }

  void onSessionRevoked(@ObservesAsync SessionRevoked event) {
    endWhere(s -> event.tokenHash().equals(s.credential()), "logged_out");
  }

  void onAllSessionsRevoked(@ObservesAsync AllSessionsRevoked event) {
    endWhere(s -> event.tokenHashes().contains(s.credential()), "logged_out");
  }

  /** Ends the session if it is not connected once the connect timeout has passed. */
  private void watch(StreamSession session) {
    try {
      scheduler.schedule(
          () -> {
            if (sessions.get(session.id()) == session
                && !media.partyConnected(session.roomId(), session.party())) {
              end(session, "not_connected");
            }
          },
          connectTimeout.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot watch a stream session for its connection", e);
    }
  }

  // ---- helpers ----

  private StreamSession session(String roomId, boolean whip, String sessionId) throws MediaRefused {
    var s = sessionId == null ? null : sessions.get(sessionId);
    if (s == null || !s.roomId().equals(roomId) || (s.kind() == Tab.Kind.WHIP) != whip) {
      throw new MediaRefused("no_such_session", "There is no such session (it may have ended).");
    }
    return s;
  }

  private void admit() throws MediaRefused {
    if (sessions.size() >= maxSessions) {
      throw new MediaRefused(
          "media_unavailable",
          "This server has " + maxSessions + " WHIP/WHEP sessions, the most allowed.");
    }
  }

  private static String streamName(Publishing who) throws MediaRefused {
    if (who.name() != null && !who.name().isBlank()) {
      var name = who.name().strip();
      if (!NAME.matcher(name).matches()) {
        throw new MediaRefused(
            "bad_request", "'name' must be 1 to 40 letters, digits, spaces and . _ ( ) ' -");
      }
      return name;
    }
    if (who.keyName() != null) {
      return who.keyName();
    }
    return who.owner().displayName() + " (stream)";
  }

  private static SessionDescription parse(String sdp) throws MediaRefused {
    try {
      return SessionDescription.parse(sdp).orElseThrow();
    } catch (SdpParseException e) {
      throw new MediaRefused("bad_sdp", "Not valid SDP: " + e.getMessage());
    }
  }

  private static boolean matches(String ifMatch, String etag) {
    for (var tag : ifMatch.split(",")) {
      var t = tag.strip();
      if (t.startsWith("W/")) {
        t = t.substring(2);
      }
      if (t.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  private static String newId() {
    var bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String newEtag() {
    var bytes = new byte[9];
    RANDOM.nextBytes(bytes);
    return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "\"";
  }
}
