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
 * it to a session, only STUN frames are looked at. Writes come from any thread and never block:
 * each frame is appended to a bounded output buffer and as much as the kernel takes is written at
 * once; the selector thread writes the rest. A frame that does not fit is dropped whole, so the
 * framing stays intact.
 */
final class TcpConnection implements IcePath {
  private static final System.Logger LOG = System.getLogger(TcpConnection.class.getName());
  private static final int MAX_FRAME = 0xFFFF;
  static final int OUTPUT_BUFFER = 256 * 1024;

  private final TcpListener listener;
  private final SocketChannel channel;
  private final SelectionKey key;
  private final InetSocketAddress local;
  private final InetSocketAddress remote;
  private final long openedAt = System.nanoTime();
  private final ByteBuffer in = ByteBuffer.allocate(2 + MAX_FRAME);
  private final ByteBuffer out = ByteBuffer.allocate(OUTPUT_BUFFER); // guarded by itself
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
    session = candidate;
    return true;
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
        owner.deliver(this, remote, buf, off, len);
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
    synchronized (out) {
      if (out.remaining() < 2 + len) {
        listener.countSendDrop();
        return false;
      }
      out.putShort((short) len).put(buf, off, len);
      return flushLocked();
    }
  }

  /** Writes what the kernel takes; selector thread, when the socket became writable. */
  void onWritable() {
    synchronized (out) {
      flushLocked();
    }
  }

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
      close();
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
