package dev.chorus.media.ice;

import java.net.InetSocketAddress;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.message.Message;

/**
 * The success response to a connectivity check (<a
 * href="https://www.rfc-editor.org/rfc/rfc8445#section-7.3.1">RFC 8445 §7.3.1</a>, <a
 * href="https://www.rfc-editor.org/rfc/rfc5389#section-10.1.2">RFC 5389 §10.1.2</a>): the request's
 * transaction id, XOR-MAPPED-ADDRESS with the source the request came from (<a
 * href="https://www.rfc-editor.org/rfc/rfc5389#section-15.2">§15.2</a>, encoded by ice4j), then
 * MESSAGE-INTEGRITY keyed with our password and FINGERPRINT (computed by {@link StunIntegrity}).
 *
 * <p>The header is written here rather than by ice4j's {@code Message.encode}, which adds
 * attributes according to process-wide ice4j settings (SOFTWARE, and a FINGERPRINT before ours when
 * {@code org.ice4j.ALWAYS_SIGN} is set).
 */
final class BindingResponse {
  private BindingResponse() {}

  /**
   * Encodes the response.
   *
   * @param transactionId the request's 12-byte transaction id
   * @param mapped where the request came from, as this server saw it
   * @param tcp whether it came over ICE-TCP (only labels ice4j's address object)
   * @param key our ICE password
   */
  static byte[] success(byte[] transactionId, InetSocketAddress mapped, boolean tcp, byte[] key) {
    if (transactionId == null || transactionId.length != 12) {
      throw new IllegalArgumentException("transaction id must be 12 bytes");
    }
    var address = new TransportAddress(mapped, tcp ? Transport.TCP : Transport.UDP);
    byte[] xorMapped =
        AttributeFactory.createXorMappedAddressAttribute(address, transactionId).encode();
    byte[] message = new byte[StunIntegrity.HEADER + xorMapped.length];
    message[0] = (byte) (Message.BINDING_SUCCESS_RESPONSE >> 8);
    message[1] = (byte) Message.BINDING_SUCCESS_RESPONSE;
    message[2] = (byte) (xorMapped.length >> 8);
    message[3] = (byte) xorMapped.length;
    message[4] = 0x21;
    message[5] = 0x12;
    message[6] = (byte) 0xA4;
    message[7] = 0x42;
    System.arraycopy(transactionId, 0, message, 8, 12);
    System.arraycopy(xorMapped, 0, message, StunIntegrity.HEADER, xorMapped.length);
    return StunIntegrity.sign(message, key);
  }
}
