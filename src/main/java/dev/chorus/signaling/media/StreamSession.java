package dev.chorus.signaling.media;

import dev.chorus.im.account.UserRef;
import java.time.Instant;

/**
 * One WHIP or WHEP session: the resource at its Location URL.
 *
 * @param party the session's party in the room's media
 * @param etag the entity tag trickle PATCHes must match (quoted as sent)
 * @param remoteUfrag the client's ICE ufrag from its offer
 * @param credential what authorised it: the stream key's id, or the session token's hash
 * @param owner the account behind it (the key's creator for a key)
 * @param streamRef the WHIP stream's pseudo-occupant; null for WHEP
 */
record StreamSession(
    String id,
    String roomId,
    HttpParty party,
    String etag,
    String remoteUfrag,
    String credential,
    UserRef owner,
    UserRef streamRef,
    String keyId,
    Instant createdAt) {

  Tab.Kind kind() {
    return party.kind();
  }
}
