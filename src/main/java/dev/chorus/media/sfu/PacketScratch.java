package dev.chorus.media.sfu;

import dev.chorus.media.codec.Vp8PayloadDescriptor;
import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.sfu.stream.NackRequester;
import dev.chorus.media.sfu.transport.RtpSink;
import dev.chorus.media.sfu.transport.WebRtcTransport;

/**
 * Reusable working memory of one transport's packet thread: the buffer every outgoing copy is built
 * in (one at a time: built, rewritten, handed to the sink, which is done with it when it returns),
 * and the views used on it. Owned by a {@link RouterTransport} and used only by the thread
 * delivering that transport's packets, so nothing here is shared or locked.
 */
final class PacketScratch {
  /** Any packet a transport can deliver, room to grow header extensions, and the SRTP tag. */
  static final int BUFFER_SIZE = WebRtcTransport.MAX_PACKET + 256 + RtpSink.TRAILER_ROOM;

  final byte[] buf = new byte[BUFFER_SIZE];
  final RtpPacket view = new RtpPacket();
  final Vp8PayloadDescriptor vp8 = new Vp8PayloadDescriptor();
  final int[] sequenceNumbers = new int[NackRequester.CAPACITY];

  /** Largest packet {@link #buf} takes with room for growth and the trailer. */
  static int maxPacket() {
    return BUFFER_SIZE - 256 - RtpSink.TRAILER_ROOM;
  }
}
