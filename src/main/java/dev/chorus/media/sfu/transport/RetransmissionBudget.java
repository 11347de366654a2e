package dev.chorus.media.sfu.transport;

/**
 * What one consumer may spend answering its subscriber's NACKs: a NACK entry costs nothing to send
 * but asks for up to 17 packets, so without a budget one subscriber (or a script posing as one) can
 * make the SFU resend its whole cache in a loop.
 *
 * @param bytesPerSecond retransmitted bytes per second (a token bucket holding one second's worth)
 * @param maxPerPacket how often one packet may be resent; browsers repeat a NACK only while the
 *     retransmission is overdue, so two or three cover a retransmission that was lost as well
 */
public record RetransmissionBudget(long bytesPerSecond, int maxPerPacket) {
  /** 2 Mbit/s: several times the loss repair of a 3 Mbit/s stream at 10 % loss. */
  public static final long DEFAULT_BYTES_PER_SECOND = 250_000;

  public static final int DEFAULT_MAX_PER_PACKET = 3;

  public RetransmissionBudget {
    if (bytesPerSecond < 1_500) {
      throw new IllegalArgumentException(
          "bytesPerSecond must allow a packet a second: " + bytesPerSecond);
    }
    if (maxPerPacket < 1 || maxPerPacket > 255) {
      throw new IllegalArgumentException("maxPerPacket must be 1-255: " + maxPerPacket);
    }
  }

  public static RetransmissionBudget defaults() {
    return new RetransmissionBudget(DEFAULT_BYTES_PER_SECOND, DEFAULT_MAX_PER_PACKET);
  }
}
