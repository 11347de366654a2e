package dev.chorus.media.srtp;

import java.util.Arrays;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;

/** The few places Chorus types meet jitsi-srtp types: policies, factories and statuses. */
final class JitsiSrtp {
  /** jitsi-srtp wants its own logger type; it writes through java.util.logging. */
  static final Logger LOGGER = new LoggerImpl(SrtpSession.class.getName());

  private JitsiSrtp() {}

  /**
   * A context factory for the direction written by {@code writer}.
   *
   * @param sending true if this endpoint encrypts with it, false if it decrypts with it
   */
  static SrtpContextFactory factory(SrtpKeyingMaterial keys, SrtpRole writer, boolean sending) {
    SrtpProfile profile = keys.profile();
    SrtpPolicy rtpPolicy = policy(profile);
    // An SFU re-encrypts the very same packet when it answers a NACK without RTX; jitsi-srtp's
    // sender-side replay check would refuse that, and it guards nothing a receiver does not.
    rtpPolicy.setSendReplayEnabled(false);
    byte[] key = keys.writeKey(writer);
    byte[] salt = keys.writeSalt(writer);
    try {
      return new SrtpContextFactory(sending, key, salt, rtpPolicy, policy(profile), LOGGER);
    } finally {
      // The factory keeps its own copies (and wipes them on close); ours are garbage now.
      Arrays.fill(key, (byte) 0);
      Arrays.fill(salt, (byte) 0);
    }
  }

  private static SrtpPolicy policy(SrtpProfile profile) {
    return switch (profile) {
      case SRTP_AES128_CM_HMAC_SHA1_80 ->
          new SrtpPolicy(
              SrtpPolicy.AESCM_ENCRYPTION,
              profile.cipherKeyLength(),
              SrtpPolicy.HMACSHA1_AUTHENTICATION,
              profile.authKeyLength(),
              profile.authTagLength(),
              profile.saltLength());
        // GCM authenticates by itself: jitsi-srtp must not add an HMAC on top.
      case SRTP_AEAD_AES_128_GCM ->
          new SrtpPolicy(
              SrtpPolicy.AESGCM_ENCRYPTION,
              profile.cipherKeyLength(),
              SrtpPolicy.NULL_AUTHENTICATION,
              0,
              profile.authTagLength(),
              profile.saltLength());
    };
  }

  /**
   * Turns jitsi-srtp's verdict into a result; {@code offset} is where the packet started, which
   * must not have moved (only cryptex on send moves it, and Chorus does not enable cryptex).
   */
  static SrtpResult result(SrtpErrorStatus status, PacketBuffer packet, int offset) {
    if (status != SrtpErrorStatus.OK) {
      return SrtpResult.failure(status(status));
    }
    if (packet.getOffset() != offset) {
      return SrtpResult.failure(SrtpStatus.CRYPTO_ERROR);
    }
    return SrtpResult.ok(packet.getLength());
  }

  /** Logs at debug only: a peer sending garbage must not be able to flood the log. */
  static SrtpResult cryptoError(System.Logger log, String operation, Exception cause) {
    log.log(System.Logger.Level.DEBUG, operation + " failed unexpectedly", cause);
    return SrtpResult.failure(SrtpStatus.CRYPTO_ERROR);
  }

  static SrtpStatus status(SrtpErrorStatus status) {
    return switch (status) {
      case OK -> SrtpStatus.OK;
      case AUTH_FAIL -> SrtpStatus.AUTH_FAILED;
      case REPLAY_FAIL -> SrtpStatus.REPLAYED;
      case REPLAY_OLD -> SrtpStatus.TOO_OLD;
      case INVALID_PACKET -> SrtpStatus.MALFORMED;
      case FAIL -> SrtpStatus.CRYPTO_ERROR;
    };
  }
}
