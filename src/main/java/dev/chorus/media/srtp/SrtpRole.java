package dev.chorus.media.srtp;

/**
 * Which side of the DTLS handshake this endpoint was. It decides which half of the exported keying
 * material protects what we send: each side writes with its own key and salt and reads with the
 * peer's.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5764#section-4.2">RFC 5764 §4.2</a>
 */
public enum SrtpRole {
  /** The DTLS client ({@code a=setup:active}); browsers, when Chorus answers passive. */
  CLIENT,
  /** The DTLS server ({@code a=setup:passive}); what Chorus is. */
  SERVER;

  /** The other side. */
  public SrtpRole peer() {
    return this == CLIENT ? SERVER : CLIENT;
  }
}
