package dev.chorus.media.rtp.rtcp;

/**
 * One parsed RTCP packet of a compound packet (<a
 * href="https://www.rfc-editor.org/rfc/rfc3550#section-6.1">RFC 3550 §6.1</a>); every kind writes
 * itself back to the wire.
 */
public sealed interface RtcpPacket
    permits SenderReport,
        ReceiverReport,
        SourceDescription,
        Goodbye,
        PictureLossIndication,
        FullIntraRequest,
        GenericNack,
        Remb,
        TransportCcFeedback,
        UnknownRtcp {

  /** The PT byte: 200 SR, 201 RR, ... (see {@link RtcpHeader}). */
  int packetType();

  /** Bytes {@link #writeTo} writes, header and any padding included. */
  int encodedLength();

  /** Writes the packet at {@code buf[off]}; returns its length, or -1 if it does not fit. */
  int writeTo(byte[] buf, int off);

  /** A new array holding the encoded packet. */
  default byte[] toBytes() {
    byte[] out = new byte[encodedLength()];
    writeTo(out, 0);
    return out;
  }
}
