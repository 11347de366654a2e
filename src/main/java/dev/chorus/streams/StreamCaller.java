package dev.chorus.streams;

import dev.chorus.im.account.UserRef;
import dev.chorus.im.stream.StreamGrant;

/** Who called a WHIP or WHEP endpoint, as {@link StreamAuth} verified it. */
sealed interface StreamCaller {
  /** The account behind the call (a key's creator for a stream key). */
  UserRef owner();

  /** What revocation names: the session token's hash, or the key's id. */
  String credential();

  /** A logged-in user's session token. */
  record Session(UserRef owner, String credential) implements StreamCaller {}

  /** A stream key of one room. */
  record Key(UserRef owner, StreamGrant grant) implements StreamCaller {
    @Override
    public String credential() {
      return grant.keyId();
    }
  }
}
