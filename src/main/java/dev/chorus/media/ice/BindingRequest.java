package dev.chorus.media.ice;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;
import java.util.Optional;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.PriorityAttribute;
import org.ice4j.attribute.UsernameAttribute;
import org.ice4j.message.Message;

/**
 * A STUN Binding request as an ICE connectivity check carries it (<a
 * href="https://www.rfc-editor.org/rfc/rfc8445#section-7.2.2">RFC 8445 §7.2.2</a>, <a
 * href="https://www.rfc-editor.org/rfc/rfc5389#section-6">RFC 5389 §6</a>), decoded with ice4j's
 * message classes. Authentication is separate ({@link #authenticates}) because the key depends on
 * the session the USERNAME names.
 *
 * @param message the raw request (a copy), kept to check MESSAGE-INTEGRITY against
 * @param transactionId its 96-bit transaction id
 * @param localUfrag the part of USERNAME before the colon: ours
 * @param remoteUfrag the part after it: the peer's
 * @param useCandidate whether USE-CANDIDATE is present (the controlling peer nominates the pair)
 * @param priority the PRIORITY attribute, 0 if absent
 */
record BindingRequest(
    byte[] message,
    byte[] transactionId,
    String localUfrag,
    String remoteUfrag,
    boolean useCandidate,
    long priority) {

  /**
   * Decodes a Binding request with a short-term USERNAME {@code local:remote}, MESSAGE-INTEGRITY
   * and, if present, a valid FINGERPRINT.
   *
   * @return empty for anything else (other methods or classes, garbage, truncation, missing
   *     attributes); never throws
   */
  static Optional<BindingRequest> parse(byte[] buf, int off, int len) {
    if (!StunIntegrity.looksLikeStun(buf, off, len)
        || StunIntegrity.readShort(buf, off) != Message.BINDING_REQUEST) {
      return Optional.empty();
    }
    byte[] copy = Arrays.copyOfRange(buf, off, off + len);
    int miAt = StunIntegrity.findAttribute(copy, 0, len, StunIntegrity.MESSAGE_INTEGRITY);
    int fpAt = StunIntegrity.findAttribute(copy, 0, len, StunIntegrity.FINGERPRINT);
    if (miAt < 0 || (fpAt >= 0 && !StunIntegrity.verifyFingerprint(copy, 0, len, fpAt))) {
      return Optional.empty();
    }
    Message message;
    try {
      message = Message.decode(copy, 0, len);
    } catch (Exception malformed) {
      // ice4j throws StunException for what it rejects and runtime exceptions for some garbage.
      return Optional.empty();
    }
    if (!(message.getAttribute(Attribute.USERNAME) instanceof UsernameAttribute username)) {
      return Optional.empty();
    }
    String name = new String(username.getUsername(), UTF_8);
    int colon = name.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    long priority =
        message.getAttribute(Attribute.PRIORITY) instanceof PriorityAttribute p
            ? p.getPriority()
            : 0;
    return Optional.of(
        new BindingRequest(
            copy,
            message.getTransactionID(),
            name.substring(0, colon),
            name.substring(colon + 1),
            message.containsAttribute(Attribute.USE_CANDIDATE),
            priority));
  }

  /** Whether MESSAGE-INTEGRITY verifies with {@code key} (our ICE password, RFC 8445 §7.2.2). */
  boolean authenticates(byte[] key) {
    int miAt =
        StunIntegrity.findAttribute(message, 0, message.length, StunIntegrity.MESSAGE_INTEGRITY);
    return miAt >= 0 && StunIntegrity.verifyIntegrity(message, 0, message.length, miAt, key);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BindingRequest other && Arrays.equals(message, other.message);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(message);
  }

  @Override
  public String toString() {
    return "BindingRequest[" + localUfrag + ":" + remoteUfrag + ", nominate=" + useCandidate + "]";
  }
}
