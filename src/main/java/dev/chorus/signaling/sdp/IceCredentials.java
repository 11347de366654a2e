package dev.chorus.signaling.sdp;

/**
 * The {@code a=ice-ufrag} / {@code a=ice-pwd} pair of one ICE agent (RFC 8839 §5.4, <a
 * href="https://www.rfc-editor.org/rfc/rfc8839#section-5.4">rfc8839#section-5.4</a>).
 */
public record IceCredentials(String ufrag, String password) {
  public IceCredentials {
    new Attribute.IceUfrag(ufrag);
    new Attribute.IcePwd(password);
  }

  @Override
  public String toString() {
    return "IceCredentials[ufrag=" + ufrag + ", password=<" + password.length() + " chars>]";
  }
}
