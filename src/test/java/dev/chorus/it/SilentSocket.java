package dev.chorus.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.net.ssl.SSLSocket;

/**
 * A WebSocket client that completes the handshake, authenticates, and then reads nothing, like a
 * laptop that went to sleep (only the server's heartbeat can notice it) or a tab on a link far
 * slower than what is sent to it (only the server's outbound budget can contain it). It can still
 * send frames, and afterwards read what the server sent up to its close frame.
 */
final class SilentSocket implements AutoCloseable {
  /** What the server had sent when it closed the socket: text frames, their bytes, the close. */
  record Received(int textFrames, long textBytes, int closeCode, String closeReason) {}

  private final SSLSocket socket;

  private SilentSocket(SSLSocket socket) {
    this.socket = socket;
  }

  /** Connects with the system's receive buffer and authenticates with the token. */
  static SilentSocket open(URI wss, String token) throws IOException {
    return open(wss, token, 0);
  }

  /**
   * Connects with a receive buffer of {@code receiveBufferBytes} (0: the default), set before
   * connecting so the TCP window is small from the start, and authenticates with the token.
   */
  static SilentSocket open(URI wss, String token, int receiveBufferBytes) throws IOException {
    var plain = new Socket();
    if (receiveBufferBytes > 0) {
      plain.setReceiveBufferSize(receiveBufferBytes);
    }
    plain.connect(new InetSocketAddress(wss.getHost(), wss.getPort()), 10_000);
    var socket =
        (SSLSocket)
            TestClient.TRUST_ALL
                .getSocketFactory()
                .createSocket(plain, wss.getHost(), wss.getPort(), true);
    socket.setSoTimeout(10_000);
    var key =
        Base64.getEncoder().encodeToString("chorus-silent-16".getBytes(StandardCharsets.US_ASCII));
    var request =
        "GET "
            + wss.getRawPath()
            + (wss.getRawQuery() == null ? "" : "?" + wss.getRawQuery())
            + " HTTP/1.1\r\nHost: "
            + wss.getHost()
            + ":"
            + wss.getPort()
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
            + key
            + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    var in = socket.getInputStream();
    var status = readLine(in);
    if (!status.contains(" 101 ")) {
      socket.close();
      throw new IOException("handshake refused: " + status);
    }
    while (!readLine(in).isEmpty()) {
      // the rest of the response headers
    }
    var silent = new SilentSocket(socket);
    if (token != null) {
      silent.sendText(WsClient.auth(token).toString());
    }
    return silent;
  }

  /** Sends one text frame (masked, as a client must). */
  void sendText(String text) throws IOException {
    var payload = text.getBytes(StandardCharsets.UTF_8);
    var frame = new ByteArrayOutputStream();
    frame.write(0x81);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else if (payload.length < 65536) {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xff);
    } else {
      throw new IllegalArgumentException("frame too large for this test client");
    }
    byte[] mask = {0x11, 0x22, 0x33, 0x44};
    frame.write(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    socket.getOutputStream().write(frame.toByteArray());
    socket.getOutputStream().flush();
  }

  /**
   * Reads everything the server sent, up to its close frame or the end of the connection (a server
   * that drops a stuck peer may reset the connection without a close frame: then the close code is
   * -1 and the reason the exception); fails if the server keeps the connection open.
   */
  Received readUntilClose() throws IOException {
    var in = new DataInputStream(socket.getInputStream());
    int frames = 0;
    long bytes = 0;
    while (true) {
      int b0;
      try {
        b0 = in.readUnsignedByte();
      } catch (java.net.SocketTimeoutException stillOpen) {
        throw stillOpen;
      } catch (IOException ended) {
        return new Received(frames, bytes, -1, ended.toString());
      }
      int b1 = in.readUnsignedByte();
      long length = b1 & 0x7f;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      var payload = in.readNBytes((int) length);
      int opcode = b0 & 0x0f;
      if (opcode == 0x8) {
        int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
        var reason =
            payload.length > 2
                ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8)
                : "";
        return new Received(frames, bytes, code, reason);
      }
      if (opcode == 0x1 || opcode == 0x0) {
        frames++;
        bytes += length;
      }
    }
  }

  private static String readLine(InputStream in) throws IOException {
    var line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
