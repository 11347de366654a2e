package dev.chorus.bench.load;

/**
 * The 16 bytes at the end of every synthetic payload: the stream ({@code 0x5A}, publisher index,
 * video layer or audio), the stream's running packet count and the publisher's {@link
 * System#nanoTime} when it sent the packet. Publisher and subscribers share one JVM, so the
 * subscriber's receive time minus the stamp is the time through the server (and both loopbacks).
 */
final class Stamp {
  static final int LENGTH = 16;
  static final int AUDIO = 0x10;

  private Stamp() {}

  static int video(int publisher, int layer) {
    return 0x5A000000 | (publisher << 8) | layer;
  }

  static int audio(int publisher) {
    return 0x5A000000 | (publisher << 8) | AUDIO;
  }

  static boolean valid(int stream) {
    return (stream >>> 24) == 0x5A;
  }

  static int publisher(int stream) {
    return (stream >>> 8) & 0xFFFF;
  }

  static boolean isAudio(int stream) {
    return (stream & 0xFF) == AUDIO;
  }

  static int layer(int stream) {
    return stream & 0xFF;
  }

  static void write(byte[] b, int at, int stream, long count) {
    putInt(b, at, stream);
    putInt(b, at + 4, (int) count);
    long now = System.nanoTime();
    putInt(b, at + 8, (int) (now >>> 32));
    putInt(b, at + 12, (int) now);
  }

  static int stream(byte[] b, int at) {
    return getInt(b, at);
  }

  static int count(byte[] b, int at) {
    return getInt(b, at + 4);
  }

  static long sentNanos(byte[] b, int at) {
    return ((long) getInt(b, at + 8) << 32) | (getInt(b, at + 12) & 0xFFFFFFFFL);
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  private static int getInt(byte[] b, int at) {
    return ((b[at] & 0xFF) << 24)
        | ((b[at + 1] & 0xFF) << 16)
        | ((b[at + 2] & 0xFF) << 8)
        | (b[at + 3] & 0xFF);
  }
}
