package dev.chorus.media.ice;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.ice4j.StunException;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.attribute.UsernameAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.security.CredentialsAuthority;
import org.ice4j.stack.StunStack;

/**
 * The browser's role for ICE-TCP: an active TCP candidate (RFC 6544) written by hand, because ice4j
 * has no active TCP candidates. It connects to the server's passive candidate and speaks STUN in
 * RFC 4571 frames (16-bit length prefix): sends a nominating check, answers the server's checks,
 * and exchanges application frames.
 */
final class IceTcpTestClient implements AutoCloseable {
  final String ufrag = "tcpc";
  final String password = "tcp+client+password+0123";

  private final IceSession.Credentials server;
  private final Socket socket = new Socket();
  private final StunStack stack = new StunStack();
  private final SecureRandom random = new SecureRandom();
  private DataInputStream in;
  private DataOutputStream out;
  private byte[] pendingTransaction;
  private boolean checkAnswered;
  private int checksAnswered;

  IceTcpTestClient(IceSession.Credentials server) {
    this.server = server;
    stack.getCredentialsManager().registerAuthority(new Keys());
  }

  void connect(InetSocketAddress candidate) throws IOException {
    socket.connect(candidate, 2000);
    in = new DataInputStream(socket.getInputStream());
    out = new DataOutputStream(socket.getOutputStream());
  }

  InetSocketAddress localAddress() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /**
   * Sends a check with USE-CANDIDATE and serves STUN until {@code done} holds.
   *
   * @return how many of the server's checks were answered
   */
  int nominate(BooleanSupplier done, Duration timeout) throws IOException {
    var request = MessageFactory.createBindingRequest();
    pendingTransaction = new byte[12];
    random.nextBytes(pendingTransaction);
    setTransactionId(request, pendingTransaction);
    var username = server.ufrag() + ":" + ufrag;
    request.putAttribute(AttributeFactory.createUsernameAttribute(username));
    request.putAttribute(AttributeFactory.createPriorityAttribute(1_845_501_695L));
    request.putAttribute(AttributeFactory.createIceControllingAttribute(random.nextLong() >>> 1));
    request.putAttribute(AttributeFactory.createUseCandidateAttribute());
    request.putAttribute(AttributeFactory.createMessageIntegrityAttribute(username));
    request.putAttribute(AttributeFactory.createFingerprintAttribute());
    writeFrame(request.encode(stack));

    long deadline = System.nanoTime() + timeout.toNanos();
    while (!(checkAnswered && done.getAsBoolean())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "no nomination: our check answered="
                + checkAnswered
                + ", checks served="
                + checksAnswered);
      }
      var frame = readFrame(100);
      if (frame != null && !handleStun(frame)) {
        throw new AssertionError("application data before ICE completed");
      }
    }
    return checksAnswered;
  }

  void sendData(byte[] data) throws IOException {
    writeFrame(data);
  }

  /** The next non-STUN frame; STUN checks from the server are answered on the way. */
  byte[] receiveData(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      var frame = readFrame(100);
      if (frame != null && !handleStun(frame)) {
        return frame;
      }
    }
    throw new SocketTimeoutException("no data within " + timeout);
  }

  /** Whether the server closed the connection within {@code timeout}. */
  boolean awaitEof(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        var frame = readFrame(100);
        if (frame != null) {
          handleStun(frame);
        }
      } catch (EOFException e) {
        return true;
      } catch (IOException e) {
        return true; // reset
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    stack.shutDown();
    socket.close();
  }

  /** Returns false for a non-STUN frame. */
  private boolean handleStun(byte[] frame) throws IOException {
    if (frame.length < 20 || (frame[0] & 0xC0) != 0 || frame[4] != 0x21 || frame[5] != 0x12) {
      return false;
    }
    Message message;
    try {
      message = Message.decode(frame, 0, frame.length);
    } catch (Exception e) {
      throw new AssertionError("undecodable STUN from server", e);
    }
    if (message.getMessageType() == Message.BINDING_SUCCESS_RESPONSE
        && Arrays.equals(pendingTransaction, message.getTransactionID())) {
      // The server signs with its own password.
      if (!Arrays.equals(
          StunChecks.expectedIntegrity(frame, server.password().getBytes(UTF_8)),
          StunChecks.actualIntegrity(frame))) {
        throw new AssertionError("bad MESSAGE-INTEGRITY in the server's response");
      }
      checkAnswered = true;
    } else if (message.getMessageType() == Message.BINDING_REQUEST) {
      var username =
          new String(
              ((UsernameAttribute) message.getAttribute(Attribute.USERNAME)).getUsername(), UTF_8);
      if (!username.equals(ufrag + ":" + server.ufrag())
          || !Arrays.equals(
              StunChecks.expectedIntegrity(frame, password.getBytes(UTF_8)),
              StunChecks.actualIntegrity(frame))) {
        throw new AssertionError("bad check from server: " + username);
      }
      var serverAddress = (InetSocketAddress) socket.getRemoteSocketAddress();
      var mapped = new TransportAddress(serverAddress, Transport.TCP);
      var response = MessageFactory.createBindingResponse((Request) message, mapped);
      setTransactionId(response, message.getTransactionID());
      response.putAttribute(AttributeFactory.createMessageIntegrityAttribute(ufrag));
      response.putAttribute(AttributeFactory.createFingerprintAttribute());
      writeFrame(response.encode(stack));
      checksAnswered++;
    }
    return true;
  }

  private static void setTransactionId(Message message, byte[] id) {
    try {
      message.setTransactionID(id);
    } catch (StunException e) {
      throw new AssertionError(e);
    }
  }

  private void writeFrame(byte[] data) throws IOException {
    out.writeShort(data.length);
    out.write(data);
    out.flush();
  }

  /** One RFC 4571 frame, or null if none started within {@code waitMillis}. */
  private byte[] readFrame(int waitMillis) throws IOException {
    socket.setSoTimeout(waitMillis);
    int length;
    try {
      length = in.readUnsignedShort();
    } catch (SocketTimeoutException e) {
      return null;
    }
    socket.setSoTimeout(5000);
    var frame = new byte[length];
    in.readFully(frame);
    return frame;
  }

  private final class Keys implements CredentialsAuthority {
    @Override
    public byte[] getLocalKey(String username) {
      return username.equals(ufrag) ? password.getBytes(UTF_8) : null;
    }

    @Override
    public byte[] getRemoteKey(String username, String media) {
      return username.startsWith(server.ufrag() + ":") ? server.password().getBytes(UTF_8) : null;
    }

    @Override
    public boolean checkLocalUserName(String username) {
      return username.equals(ufrag);
    }
  }
}
