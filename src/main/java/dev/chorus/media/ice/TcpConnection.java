package dev.chorus.media.ice;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One accepted ICE-TCP connection on our passive candidate (<a
 * href="https://www.rfc-editor.org/rfc/rfc6544#section-5.2">RFC 6544 §5.2</a>), carrying STUN and
 * application datagrams in <a href="https://www.rfc-editor.org/rfc/rfc4571#section-2">RFC 4571
 * §2</a> frames (a 16-bit length, then the datagram).
 *
 * <p>Reading happens on the {@link TcpListener}'s selector thread only. Until a valid check binds
 * it to a session, only STUN frames are looked at, the input buffer stays small (a larger frame
 * closes the connection: a browser's first frames are checks of a few hundred bytes) and there is
 * no output buffer; binding allocates the output buffer and lets the input buffer grow to the
 * largest frame. Writes come from any thread and never block: each frame is appended to a bounded
 * output buffer and as much as the kernel takes is written at once; the selector thread writes the
 * rest. A frame that does not fit is dropped whole, so the framing stays intact.
 */
final class TcpConnection implements IcePath {
  private static final System.Logger LOG = System.getLogger(TcpConnection.class.getName());
  private static final int MAX_FRAME = 0xFFFF;
  static final int OUTPUT_BUFFER = 256 * 1024;

  /** Holds any ICE check; all an unbound connection gets. */
  static final int INITIAL_INPUT = 2048;

  private final TcpListener listener;
  private final SocketChannel channel;
  private final SelectionKey key;
  private final InetSocketAddress local;
  private final InetSocketAddress remote;
  private final long openedAt = System.nanoTime();
  private final Object outLock = new Object();
  private ByteBuffer in = ByteBuffer.allocate(INITIAL_INPUT); // selector thread only
  private ByteBuffer out; // guarded by outLock; allocated when bound
  private volatile IceSession session;
  private volatile boolean closed;

  TcpConnection(
      TcpListener listener,
      SocketChannel channel,
      SelectionKey key,
      InetSocketAddress local,
      InetSocketAddress remote) {
    this.listener = listener;
    this.channel = channel;
    this.key = key;
    this.local = local;
    this.remote = remote;
  }

  @Override
  public IceCandidate.Transport transport() {
    return IceCandidate.Transport.TCP;
  }

  @Override
  public InetSocketAddress local() {
    return local;
  }

  @Override
  public InetSocketAddress remote() {
    return remote;
  }

  long openedAt() {
    return openedAt;
  }

  boolean isBound() {
    return session != null;
  }

  @Override
  public synchronized boolean bind(IceSession candidate) {
    if (closed || (session != null && session != candidate)) {
      return false;
    }
    if (session == null) {
      synchronized (outLock) {
        out = ByteBuffer.allocate(OUTPUT_BUFFER);
      }
      session = candidate;
      listener.releaseUnbound(this);
    }
    return true;
  }

  /** Input buffer capacity, for tests. */
  int inputCapacity() {
    return in.capacity();
  }

  /** Whether the output buffer exists, for tests. */
  boolean hasOutputBuffer() {
    synchronized (outLock) {
      return out != null;
    }
  }

  @Override
  public void release(IceSession owner) {
    if (session == owner) {
      close();
    }
  }

  /** Reads what is available and handles each complete frame; selector thread only. */
  void onReadable(StunResponder responder) throws IOException {
    int n = channel.read(in);
    if (n < 0) {
      close();
      return;
    }
    in.flip();
    while (in.remaining() >= 2) {
      int length = Short.toUnsignedInt(in.getShort(in.position()));
      if (in.remaining() < 2 + length) {
        break;
      }
      int start = in.position() + 2;
      onFrame(responder, in.array(), start, length);
      in.position(start + length);
    }
    in.compact();
    if (in.position() >= 2) {
      int needed = 2 + Short.toUnsignedInt(in.getShort(0));
      if (needed > in.capacity()) {
        grow(needed);
      }
    }
  }

  /** Makes room for a frame larger than the buffer; selector thread. */
  private void grow(int needed) {
    if (session == null) {
      LOG.log(Level.DEBUG, "Closing unbound {0}: {1}-byte frame before any check", this, needed);
      close();
      return;
    }
    var bigger = ByteBuffer.allocate(needed);
    in.flip();
    bigger.put(in);
    in = bigger;
  }

  private void onFrame(StunResponder responder, byte[] buf, int off, int len) {
    try {
      if (StunIntegrity.looksLikeStun(buf, off, len)) {
        byte[] response = responder.respond(buf, off, len, this);
        if (response != null) {
          send(response, 0, response.length);
        }
        return;
      }
      var owner = session;
      if (owner != null) {
        owner.deliver(buf, off, len);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "Frame from " + remote + " failed", e);
    }
  }

  @Override
  public boolean send(byte[] buf, int off, int len) {
    if (closed || len > MAX_FRAME || len < 0) {
      return false;
    }
    boolean written;
    synchronized (outLock) {
      if (out == null || out.remaining() < 2 + len) {
        listener.countSendDrop();
        return false;
      }
      out.putShort((short) len).put(buf, off, len);
      written = flushLocked();
    }
    if (!written) {
      close(); // outside outLock: bind() takes this, then outLock
    }
    return written;
  }

  /** Writes what the kernel takes; selector thread, when the socket became writable. */
  void onWritable() {
    boolean written;
    synchronized (outLock) {
      written = out == null || flushLocked();
    }
    if (!written) {
      close();
    }
  }

  /** False if the write failed: the caller closes the connection, without holding outLock. */
  private boolean flushLocked() {
    out.flip();
    boolean written = true;
    try {
      channel.write(out);
    } catch (IOException e) {
      written = false;
    }
    out.compact();
    if (!written) {
      out.clear();
      return false;
    }
    boolean pending = out.position() > 0;
    try {
      key.interestOps(
          pending ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
      if (pending) {
        key.selector().wakeup();
      }
    } catch (RuntimeException cancelled) {
      // Closed meanwhile.
    }
    return true;
  }

  /** Closes the connection and forgets it; idempotent, any thread. */
  void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (session == null) {
        listener.releaseUnbound(this);
      }
    }
    key.cancel();
    key.selector().wakeup(); // the selector releases the socket at its next select
    try {
      channel.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "TCP close failed", e);
    }
    listener.forget(this);
    var owner = session;
    if (owner != null) {
      owner.pathClosed(this);
    }
  }

  @Override
  public String toString() {
    return "tcp " + local + " <-> " + remote;
  }
}
