package dev.chorus.media.ice;

import static dev.chorus.media.ice.StunChecks.hex;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.security.MessageDigest;
import java.util.Arrays;
import org.ice4j.StunException;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.attribute.IceControlAttribute;
import org.ice4j.attribute.MessageIntegrityAttribute;
import org.ice4j.attribute.NonceAttribute;
import org.ice4j.attribute.PriorityAttribute;
import org.ice4j.attribute.RealmAttribute;
import org.ice4j.attribute.SoftwareAttribute;
import org.ice4j.attribute.UsernameAttribute;
import org.ice4j.attribute.XorMappedAddressAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.security.CredentialsAuthority;
import org.ice4j.security.LongTermCredential;
import org.ice4j.security.LongTermCredentialSession;
import org.ice4j.stack.RawMessage;
import org.ice4j.stack.StunStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The STUN test vectors of <a href="https://www.rfc-editor.org/rfc/rfc5769">RFC 5769</a> run
 * through ice4j's message classes, which is what ICE in this package is built on: decoding,
 * attribute values, MESSAGE-INTEGRITY and FINGERPRINT validation, and re-encoding.
 *
 * <p>The vectors pad USERNAME and SOFTWARE with spaces, which RFC 5389 section 15 allows; ice4j
 * pads with zeros, so a re-encoding is compared with the vector after zeroing its padding and
 * recomputing HMAC and CRC with the JDK.
 */
class StunRfc5769Test {
  private static final byte[] SHORT_TERM_PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt".getBytes(UTF_8);
  private static final byte[] TRANSACTION_ID = hex("b7e7a701 bc34d686 fa87dfae");
  private static final TransportAddress HERE = new TransportAddress("127.0.0.1", 1, Transport.UDP);

  /** Section 2.1: Binding request with short-term credentials. */
  private static final byte[] REQUEST =
      hex(
          """
          00010058 2112a442 b7e7a701 bc34d686 fa87dfae
          80220010 5354554e 20746573 7420636c 69656e74
          00240004 6e0001ff
          80290008 932ff9b1 51263b36
          00060009 6576746a 3a683676 59202020
          00080014 9aeaa70c bfd8cb56 781ef2b5 b2d3f249 c1b571a2
          80280004 e57a3bcf
          """);

  /** Section 2.2: success response carrying an IPv4 XOR-MAPPED-ADDRESS. */
  private static final byte[] RESPONSE_IPV4 =
      hex(
          """
          0101003c 2112a442 b7e7a701 bc34d686 fa87dfae
          8022000b 74657374 20766563 746f7220
          00200008 0001a147 e112a643
          00080014 2b91f599 fd9e90c3 8c7489f9 2af9ba53 f06be7d7
          80280004 c07d4c96
          """);

  /** Section 2.3: success response carrying an IPv6 XOR-MAPPED-ADDRESS. */
  private static final byte[] RESPONSE_IPV6 =
      hex(
          """
          01010048 2112a442 b7e7a701 bc34d686 fa87dfae
          8022000b 74657374 20766563 746f7220
          00200014 0002a147 0113a9fa a5d3f179 bc25f4b5 bed2b9d9
          00080014 a382954e 4be67bf1 1784c97c 8292c275 bfe3ed41
          80280004 c8fb0b4c
          """);

  /** Section 2.4: request with long-term credentials (no FINGERPRINT). */
  private static final byte[] LONG_TERM_REQUEST =
      hex(
          """
          00010060 2112a442 78ad3433 c6ad72c0 29da412e
          00060012 e3839ee3 8388e383 aae38383 e382afe3 82b90000
          0015001c 662f2f34 39396b39 35346436 4f4c3334 6f4c3946 53547679 36347341
          0014000b 6578616d 706c652e 6f726700
          00080014 f6702465 6dd64a3e 02b8e071 2e85c9a2 8ca89666
          """);

  private static final String LONG_TERM_USERNAME = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";

  private StunStack stack;

  @BeforeEach
  void newStack() {
    stack = new StunStack();
    stack.getCredentialsManager().registerAuthority(new ShortTerm("evtj", SHORT_TERM_PASSWORD));
  }

  @AfterEach
  void shutDown() {
    stack.shutDown();
  }

  @Test
  void sampleRequestDecodes() throws Exception {
    var message = Message.decode(REQUEST, 0, REQUEST.length);

    assertEquals(Message.BINDING_REQUEST, message.getMessageType());
    assertArrayEquals(TRANSACTION_ID, message.getTransactionID());
    assertEquals("STUN test client", software(message));
    assertEquals(
        0x6e0001ffL, ((PriorityAttribute) message.getAttribute(Attribute.PRIORITY)).getPriority());
    var controlled = (IceControlAttribute) message.getAttribute(Attribute.ICE_CONTROLLED);
    assertEquals(0x932ff9b151263b36L, controlled.getTieBreaker());
    assertEquals("evtj:h6vY", username(message));
  }

  @Test
  void sampleRequestIntegrityAndFingerprint() throws Exception {
    var message = Message.decode(REQUEST, 0, REQUEST.length);
    var integrity = (MessageIntegrityAttribute) message.getAttribute(Attribute.MESSAGE_INTEGRITY);

    assertTrue(stack.validateMessageIntegrity(integrity, "evtj:h6vY", true, raw(REQUEST)));
    assertArrayEquals(StunChecks.actualIntegrity(REQUEST), integrity.getHmacSha1Content());
    assertEquals(StunChecks.expectedFingerprint(REQUEST), StunChecks.actualFingerprint(REQUEST));

    var wrongKey = new StunStack();
    try {
      wrongKey
          .getCredentialsManager()
          .registerAuthority(new ShortTerm("evtj", "VOkJxbRl1RmTxUk/WvJxBu".getBytes(UTF_8)));
      assertFalse(wrongKey.validateMessageIntegrity(integrity, "evtj:h6vY", true, raw(REQUEST)));
    } finally {
      wrongKey.shutDown();
    }
  }

  @Test
  void corruptedFingerprintIsRejectedByDecoder() {
    var corrupt = REQUEST.clone();
    corrupt[corrupt.length - 1] ^= 1;
    assertThrows(StunException.class, () -> Message.decode(corrupt, 0, corrupt.length));

    var tamperedBody = REQUEST.clone();
    tamperedBody[24] ^= 0x20; // first letter of SOFTWARE
    assertThrows(StunException.class, () -> Message.decode(tamperedBody, 0, tamperedBody.length));
  }

  @Test
  void tamperedRequestFailsIntegrityEvenWithValidFingerprint() throws Exception {
    var tampered = REQUEST.clone();
    tampered[24] ^= 0x20;
    // Recompute only the CRC so that the decoder accepts it.
    long crc = StunChecks.expectedFingerprint(tampered);
    for (int i = 0; i < 4; i++) {
      tampered[tampered.length - 4 + i] = (byte) (crc >> (24 - 8 * i));
    }

    var message = Message.decode(tampered, 0, tampered.length);
    var integrity = (MessageIntegrityAttribute) message.getAttribute(Attribute.MESSAGE_INTEGRITY);
    assertFalse(stack.validateMessageIntegrity(integrity, "evtj:h6vY", true, raw(tampered)));
  }

  @Test
  void sampleRequestReencodes() throws Exception {
    var request = MessageFactory.createBindingRequest();
    request.setTransactionID(TRANSACTION_ID);
    request.putAttribute(AttributeFactory.createSoftwareAttribute("STUN test client".getBytes()));
    request.putAttribute(AttributeFactory.createPriorityAttribute(0x6e0001ffL));
    request.putAttribute(AttributeFactory.createIceControlledAttribute(0x932ff9b151263b36L));
    request.putAttribute(AttributeFactory.createUsernameAttribute("evtj:h6vY"));
    request.putAttribute(AttributeFactory.createMessageIntegrityAttribute("evtj:h6vY"));
    request.putAttribute(AttributeFactory.createFingerprintAttribute());

    var expected = REQUEST.clone();
    zero(expected, 73, 3); // USERNAME padding
    StunChecks.resign(expected, SHORT_TERM_PASSWORD);
    assertArrayEquals(expected, request.encode(stack));
  }

  @Test
  void sampleIpv4ResponseDecodesAndValidates() throws Exception {
    var message = Message.decode(RESPONSE_IPV4, 0, RESPONSE_IPV4.length);

    assertEquals(Message.BINDING_SUCCESS_RESPONSE, message.getMessageType());
    assertEquals("test vector", software(message));
    var mapped = (XorMappedAddressAttribute) message.getAttribute(Attribute.XOR_MAPPED_ADDRESS);
    assertEquals(
        new TransportAddress("192.0.2.1", 32853, Transport.UDP),
        mapped.getAddress(message.getTransactionID()));
    assertIntegrity(message, RESPONSE_IPV4);
  }

  @Test
  void sampleIpv6ResponseDecodesAndValidates() throws Exception {
    var message = Message.decode(RESPONSE_IPV6, 0, RESPONSE_IPV6.length);

    assertEquals("test vector", software(message));
    var mapped = (XorMappedAddressAttribute) message.getAttribute(Attribute.XOR_MAPPED_ADDRESS);
    var address = mapped.getAddress(message.getTransactionID());
    assertEquals(
        InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), address.getAddress());
    assertEquals(32853, address.getPort());
    assertIntegrity(message, RESPONSE_IPV6);
  }

  @Test
  void sampleResponsesReencode() throws Exception {
    assertArrayEquals(
        resignedWithZeroPadding(RESPONSE_IPV4),
        encodeResponse(new TransportAddress("192.0.2.1", 32853, Transport.UDP)));
    assertArrayEquals(
        resignedWithZeroPadding(RESPONSE_IPV6),
        encodeResponse(
            new TransportAddress("2001:db8:1234:5678:11:2233:4455:6677", 32853, Transport.UDP)));
  }

  @Test
  void longTermCredentialRequestValidates() throws Exception {
    var message = Message.decode(LONG_TERM_REQUEST, 0, LONG_TERM_REQUEST.length);

    assertEquals(LONG_TERM_USERNAME, username(message));
    var nonce = (NonceAttribute) message.getAttribute(Attribute.NONCE);
    assertEquals("f//499k954d6OL34oL9FSTvy64sA", new String(nonce.getNonce(), UTF_8));
    var realm = (RealmAttribute) message.getAttribute(Attribute.REALM);
    assertEquals("example.org", new String(realm.getRealm(), UTF_8));

    // ice4j does no SASLprep: it must be given the prepared password of the RFC ("TheMatrIX"
    // for "The\u00ADM\u00AAtr\u2168").
    var longTerm = new StunStack();
    try {
      longTerm
          .getCredentialsManager()
          .registerAuthority(
              new LongTermCredentialSession(
                  new LongTermCredential(LONG_TERM_USERNAME, "TheMatrIX"),
                  "example.org".getBytes(UTF_8)));
      var integrity = (MessageIntegrityAttribute) message.getAttribute(Attribute.MESSAGE_INTEGRITY);
      assertTrue(
          longTerm.validateMessageIntegrity(
              integrity, LONG_TERM_USERNAME, false, raw(LONG_TERM_REQUEST)));
    } finally {
      longTerm.shutDown();
    }
    var key =
        MessageDigest.getInstance("MD5")
            .digest((LONG_TERM_USERNAME + ":example.org:TheMatrIX").getBytes(UTF_8));
    assertArrayEquals(
        StunChecks.expectedIntegrity(LONG_TERM_REQUEST, key),
        StunChecks.actualIntegrity(LONG_TERM_REQUEST));
  }

  @Test
  void liteParserAcceptsAndAuthenticatesTheSampleRequest() {
    var request = BindingRequest.parse(REQUEST, 0, REQUEST.length).orElseThrow();

    assertEquals("evtj", request.localUfrag());
    assertEquals("h6vY", request.remoteUfrag());
    assertArrayEquals(TRANSACTION_ID, request.transactionId());
    assertEquals(0x6e0001ffL, request.priority());
    assertFalse(request.useCandidate());
    assertTrue(request.authenticates(REQUEST, 0, REQUEST.length, SHORT_TERM_PASSWORD));
    assertFalse(
        request.authenticates(
            REQUEST, 0, REQUEST.length, "VOkJxbRl1RmTxUk/WvJxBu".getBytes(UTF_8)));
  }

  @Test
  void liteParserRejectsTheSampleRequestWithACorruptedFingerprint() {
    var corrupted = REQUEST.clone();
    corrupted[corrupted.length - 1] ^= 1;
    // Read cheaply for the session lookup, then refused when authenticated.
    var request = BindingRequest.parse(corrupted, 0, corrupted.length).orElseThrow();
    assertFalse(request.authenticates(corrupted, 0, corrupted.length, SHORT_TERM_PASSWORD));
    // Responses are not checks.
    assertTrue(BindingRequest.parse(RESPONSE_IPV4, 0, RESPONSE_IPV4.length).isEmpty());
  }

  @Test
  void liteSigningReproducesTheSampleResponses() {
    for (var vector : new byte[][] {RESPONSE_IPV4, RESPONSE_IPV6}) {
      int mi = StunChecks.attributeOffset(vector, StunChecks.MESSAGE_INTEGRITY);
      var unsigned = Arrays.copyOf(vector, mi);
      unsigned[2] = (byte) ((mi - 20) >> 8);
      unsigned[3] = (byte) (mi - 20);

      assertArrayEquals(vector, StunIntegrity.sign(unsigned, SHORT_TERM_PASSWORD));
      assertTrue(StunIntegrity.verifyIntegrity(vector, 0, vector.length, mi, SHORT_TERM_PASSWORD));
      int fp = StunChecks.attributeOffset(vector, StunChecks.FINGERPRINT);
      assertTrue(StunIntegrity.verifyFingerprint(vector, 0, vector.length, fp));
    }
  }

  private void assertIntegrity(Message message, byte[] bytes) {
    var integrity = (MessageIntegrityAttribute) message.getAttribute(Attribute.MESSAGE_INTEGRITY);
    // Responses carry no USERNAME; ice4j looks the key up by the request's username.
    assertTrue(stack.validateMessageIntegrity(integrity, "evtj:h6vY", true, raw(bytes)));
    assertEquals(StunChecks.expectedFingerprint(bytes), StunChecks.actualFingerprint(bytes));
  }

  private byte[] encodeResponse(TransportAddress mapped) throws StunException {
    var request = MessageFactory.createBindingRequest();
    request.setTransactionID(TRANSACTION_ID);
    var response = MessageFactory.createBindingResponse(request, mapped);
    response.setTransactionID(TRANSACTION_ID);
    // RFC order: SOFTWARE first. Re-putting moves XOR-MAPPED-ADDRESS behind it.
    var xor = response.removeAttribute(Attribute.XOR_MAPPED_ADDRESS);
    response.putAttribute(AttributeFactory.createSoftwareAttribute("test vector".getBytes()));
    response.putAttribute(xor);
    response.putAttribute(AttributeFactory.createMessageIntegrityAttribute("evtj"));
    response.putAttribute(AttributeFactory.createFingerprintAttribute());
    return response.encode(stack);
  }

  private static byte[] resignedWithZeroPadding(byte[] vector) {
    var expected = vector.clone();
    zero(expected, 35, 1); // SOFTWARE "test vector" is 11 bytes + 1 padding byte
    StunChecks.resign(expected, SHORT_TERM_PASSWORD);
    return expected;
  }

  private static void zero(byte[] bytes, int offset, int length) {
    Arrays.fill(bytes, offset, offset + length, (byte) 0);
  }

  private static String software(Message message) {
    return new String(
        ((SoftwareAttribute) message.getAttribute(Attribute.SOFTWARE)).getSoftware(), UTF_8);
  }

  private static String username(Message message) {
    return new String(
        ((UsernameAttribute) message.getAttribute(Attribute.USERNAME)).getUsername(), UTF_8);
  }

  private static RawMessage raw(byte[] bytes) {
    return RawMessage.build(bytes, bytes.length, HERE, HERE);
  }

  /** Short-term credentials: the password is the key (RFC 5389 section 15.4). */
  private record ShortTerm(String ufrag, byte[] password) implements CredentialsAuthority {
    @Override
    public byte[] getLocalKey(String username) {
      return ufrag.equals(username) ? password : null;
    }

    @Override
    public byte[] getRemoteKey(String username, String media) {
      return username.startsWith(ufrag) ? password : null;
    }

    @Override
    public boolean checkLocalUserName(String username) {
      return username.startsWith(ufrag);
    }
  }
}
