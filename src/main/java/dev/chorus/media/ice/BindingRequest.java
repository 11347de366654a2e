package dev.chorus.media.ice;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;
import java.util.Optional;

/**
 * A STUN Binding request as an ICE connectivity check carries it (<a
 * href="https://www.rfc-editor.org/rfc/rfc8445#section-7.2.2">RFC 8445 §7.2.2</a>, <a
 * href="https://www.rfc-editor.org/rfc/rfc5389#section-6">RFC 5389 §6</a>). Only the part of the
 * message MESSAGE-INTEGRITY covers is read: <a
 * href="https://www.rfc-editor.org/rfc/rfc5389#section-15.4">RFC 5389 §15.4</a> says to ignore
 * whatever follows it except a FINGERPRINT, which anyone can recompute, so a USE-CANDIDATE appended
 * to a captured check nominates nothing.
 *
 * <p>Reading is cheap (one walk over the attributes, no copy of the message, no checksum) so that
 * the session the USERNAME names can be looked up first; the CRC and HMAC work of {@link
 * #authenticates} is spent only on checks for a known ufrag, whose key it needs anyway.
 *
 * @param transactionId its 96-bit transaction id
 * @param localUfrag the part of USERNAME before the colon: ours
 * @param remoteUfrag the part after it: the peer's
 * @param useCandidate whether USE-CANDIDATE is present (the controlling peer nominates the pair)
 * @param priority the PRIORITY attribute, 0 if absent
 * @param integrityAt where MESSAGE-INTEGRITY starts, relative to the message
 * @param fingerprintAt where the FINGERPRINT right after it starts, or -1 if there is none
 */
record BindingRequest(
    byte[] transactionId,
    String localUfrag,
    String remoteUfrag,
    boolean useCandidate,
    long priority,
    int integrityAt,
    int fingerprintAt) {
  private static final int BINDING_REQUEST = 0x0001;
  private static final int USERNAME = 0x0006;
  private static final int PRIORITY = 0x0024;
  private static final int USE_CANDIDATE = 0x0025;

  /**
   * Reads a Binding request with a short-term USERNAME {@code local:remote} before
   * MESSAGE-INTEGRITY; neither FINGERPRINT nor MESSAGE-INTEGRITY is verified here.
   *
   * @return empty for anything else (other methods or classes, garbage, truncation, missing
   *     attributes); never throws
   */
  static Optional<BindingRequest> parse(byte[] buf, int off, int len) {
    if (!StunIntegrity.looksLikeStun(buf, off, len)
        || StunIntegrity.readShort(buf, off) != BINDING_REQUEST) {
      return Optional.empty();
    }
    int end = off + len;
    int at = off + StunIntegrity.HEADER;
    int username = -1;
    int priority = -1;
    boolean useCandidate = false;
    int integrity = -1;
    int fingerprint = -1;
    while (at + 4 <= end) {
      int type = StunIntegrity.readShort(buf, at);
      int length = StunIntegrity.readShort(buf, at + 2);
      if (at + 4 + length > end) {
        return Optional.empty();
      }
      if (integrity < 0) {
        if (type == USERNAME && username < 0) {
          username = at;
        } else if (type == PRIORITY && length == 4 && priority < 0) {
          priority = at;
        } else if (type == USE_CANDIDATE) {
          useCandidate = true;
        } else if (type == StunIntegrity.MESSAGE_INTEGRITY) {
          integrity = at;
        }
      } else if (type == StunIntegrity.FINGERPRINT
          && at == integrity + 4 + StunIntegrity.MI_LENGTH) {
        fingerprint = at;
      }
      at += 4 + ((length + 3) & ~3);
    }
    if (at != end || integrity < 0 || username < 0) {
      return Optional.empty();
    }
    String name = new String(buf, username + 4, StunIntegrity.readShort(buf, username + 2), UTF_8);
    int colon = name.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        new BindingRequest(
            Arrays.copyOfRange(buf, off + 8, off + StunIntegrity.HEADER),
            name.substring(0, colon),
            name.substring(colon + 1),
            useCandidate,
            priority < 0 ? 0 : StunIntegrity.readInt(buf, priority + 4) & 0xFFFFFFFFL,
            integrity - off,
            fingerprint < 0 ? -1 : fingerprint - off));
  }

  /**
   * Whether the message this was parsed from has a valid FINGERPRINT (if it has one right after
   * MESSAGE-INTEGRITY) and a MESSAGE-INTEGRITY that verifies with {@code key} (our ICE password,
   * RFC 8445 §7.2.2).
   */
  boolean authenticates(byte[] buf, int off, int len, byte[] key) {
    return (fingerprintAt < 0
            || StunIntegrity.verifyFingerprint(buf, off, len, off + fingerprintAt))
        && StunIntegrity.verifyIntegrity(buf, off, len, off + integrityAt, key);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BindingRequest other
        && Arrays.equals(transactionId, other.transactionId)
        && localUfrag.equals(other.localUfrag)
        && remoteUfrag.equals(other.remoteUfrag)
        && useCandidate == other.useCandidate
        && priority == other.priority
        && integrityAt == other.integrityAt
        && fingerprintAt == other.fingerprintAt;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(transactionId) * 31 + localUfrag.hashCode();
  }

  @Override
  public String toString() {
    return "BindingRequest[" + localUfrag + ":" + remoteUfrag + ", nominate=" + useCandidate + "]";
  }
}
