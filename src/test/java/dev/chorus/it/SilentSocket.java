package dev.chorus.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.net.ssl.SSLSocket;

/**
 * A WebSocket client that completes the handshake and then never reads or answers anything, like a
 * laptop that went to sleep: only the server's heartbeat can notice it.
 */
final class SilentSocket implements AutoCloseable {
  private final SSLSocket socket;

  private SilentSocket(SSLSocket socket) {
    this.socket = socket;
  }

  static SilentSocket open(URI wss, String token) throws IOException {
    var socket =
        (SSLSocket)
            TestClient.TRUST_ALL.getSocketFactory().createSocket(wss.getHost(), wss.getPort());
    socket.setSoTimeout(10_000);
    var key =
        Base64.getEncoder().encodeToString("chorus-silent-16".getBytes(StandardCharsets.US_ASCII));
    var request =
        "GET "
            + wss.getPath()
            + "?token="
            + token
            + " HTTP/1.1\r\nHost: "
            + wss.getHost()
            + ":"
            + wss.getPort()
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
            + key
            + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    var status = readLine(socket.getInputStream());
    if (!status.contains(" 101 ")) {
      socket.close();
      throw new IOException("handshake refused: " + status);
    }
    return new SilentSocket(socket);
  }

  private static String readLine(InputStream in) throws IOException {
    var line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      line.append((char) c);
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
