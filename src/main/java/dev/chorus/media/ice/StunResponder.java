package dev.chorus.media.ice;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The responding half of ICE, which is all an ICE-lite agent does (<a
 * href="https://www.rfc-editor.org/rfc/rfc8445#section-7.3">RFC 8445 §7.3</a>): a Binding request
 * whose USERNAME is {@code <our ufrag>:<their ufrag>} and whose MESSAGE-INTEGRITY verifies with
 * that session's password makes its source a valid path of the session (peer-reflexive if never
 * signalled, §7.3.1.3), nominates it if it carries USE-CANDIDATE (§7.3.1.5), and is answered with a
 * signed success response (§7.3.1.1). Anything else is dropped without an answer: an unknown ufrag
 * may be a session that just ended, and answering unauthenticated requests would only help a
 * scanner.
 *
 * <p>Order of work, cheapest first, on the reader thread every session shares: frame and attribute
 * walk, the session lookup by the USERNAME's ufrag, and only for a known one the FINGERPRINT CRC
 * and the MESSAGE-INTEGRITY HMAC. Garbage with made-up ufrags costs a map lookup, not a digest.
 */
final class StunResponder {
  private static final System.Logger LOG = System.getLogger(StunResponder.class.getName());

  private final Function<String, IceSession> sessionsByUfrag;
  private final LongAdder answered = new LongAdder();
  private final LongAdder rejected = new LongAdder();

  StunResponder(Function<String, IceSession> sessionsByUfrag) {
    this.sessionsByUfrag = sessionsByUfrag;
  }

  /**
   * Handles one STUN message that arrived on {@code path}.
   *
   * @return the response to send back on the same path, or null to send nothing; never throws
   */
  byte[] respond(byte[] buf, int off, int len, IcePath path) {
    try {
      var request = BindingRequest.parse(buf, off, len).orElse(null);
      if (request == null) {
        rejected.increment();
        return null;
      }
      var session = sessionsByUfrag.apply(request.localUfrag());
      if (session == null
          || !session.acceptsRemoteUfrag(request.remoteUfrag())
          || !request.authenticates(buf, off, len, session.passwordKey())
          || !session.onValidCheck(path, request.useCandidate())) {
        rejected.increment();
        return null;
      }
      answered.increment();
      return BindingResponse.success(
          request.transactionId(),
          path.remote(),
          path.transport() == IceCandidate.Transport.TCP,
          session.passwordKey());
    } catch (RuntimeException e) {
      rejected.increment();
      LOG.log(Level.DEBUG, "STUN from " + path.remote() + " failed", e);
      return null;
    }
  }

  /** Checks answered so far. */
  long answered() {
    return answered.sum();
  }

  /** STUN messages dropped: not a check, unknown ufrag, bad integrity, ended session. */
  long rejected() {
    return rejected.sum();
  }
}
