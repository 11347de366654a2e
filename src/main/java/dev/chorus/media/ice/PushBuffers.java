package dev.chorus.media.ice;

import java.util.concurrent.ArrayBlockingQueue;
import kotlin.Unit;
import org.ice4j.util.Buffer;
import org.ice4j.util.BufferPool;

/**
 * The buffers ice4j's push API receives datagrams into. ice4j's default allocates a new array per
 * datagram; these hooks ({@code BufferPool.getBuffer}/{@code returnBuffer}, process-wide) recycle a
 * bounded set instead. {@link IceSession} returns every buffer right after its handler returns.
 */
final class PushBuffers {
  /** A full Ethernet datagram and then some; larger ones get a one-off array. */
  static final int SIZE = 2048;

  private static final int POOLED = 1024;
  private static final ArrayBlockingQueue<Buffer> POOL = new ArrayBlockingQueue<>(POOLED);
  private static boolean installed;

  private PushBuffers() {}

  static synchronized void install() {
    if (installed) {
      return;
    }
    BufferPool.getBuffer = PushBuffers::get;
    BufferPool.returnBuffer = PushBuffers::give;
    installed = true;
  }

  private static Buffer get(Integer size) {
    if (size > SIZE) {
      return new Buffer(new byte[size], 0, size);
    }
    Buffer b = POOL.poll();
    if (b == null) {
      return new Buffer(new byte[SIZE], 0, size);
    }
    b.setOffset(0);
    b.setLength(size);
    b.setRemoteAddress(null);
    b.setLocalAddress(null);
    b.setReceivedTime(null);
    return b;
  }

  private static Unit give(Buffer b) {
    if (b != null && b.getBuffer().length == SIZE) {
      POOL.offer(b);
    }
    return Unit.INSTANCE;
  }
}
