package dev.chorus.media.dtls;

import java.util.OptionalInt;

/**
 * The SRTP protection profiles negotiated in the DTLS {@code use_srtp} extension (<a
 * href="https://www.rfc-editor.org/rfc/rfc5764#section-4.1.2">RFC 5764 §4.1.2</a>, <a
 * href="https://www.rfc-editor.org/rfc/rfc7714#section-14.2">RFC 7714 §14.2</a>), by their IANA
 * ids, with the master key and salt lengths that size the exported keying material.
 *
 * <p>Kept as plain ids so this package does not depend on {@code media.srtp}; the SFU maps the id
 * to its SRTP profile type.
 */
public final class SrtpProtectionProfiles {

  /** SRTP_AES128_CM_HMAC_SHA1_80: 128-bit key, 112-bit salt (RFC 5764 §4.1.2). */
  public static final int AES128_CM_HMAC_SHA1_80 = 0x0001;

  /** SRTP_AEAD_AES_128_GCM: 128-bit key, 96-bit salt (RFC 7714 §12, §14.2). */
  public static final int AEAD_AES_128_GCM = 0x0007;

  // Our preference, best first: browsers and werift favour GCM, and it costs one AES pass.
  private static final int[] SERVER_PREFERENCE = {AEAD_AES_128_GCM, AES128_CM_HMAC_SHA1_80};

  private SrtpProtectionProfiles() {}

  /** The profiles we accept, in our order of preference. */
  public static int[] supported() {
    return SERVER_PREFERENCE.clone();
  }

  public static boolean isSupported(int profile) {
    return profile == AEAD_AES_128_GCM || profile == AES128_CM_HMAC_SHA1_80;
  }

  /**
   * Picks the profile the server answers with: our most preferred one that the client offered,
   * whatever the client's order (RFC 5764 §4.1.1 leaves the choice to the server).
   */
  public static OptionalInt select(int[] offeredByClient) {
    if (offeredByClient == null) {
      return OptionalInt.empty();
    }
    for (int preferred : SERVER_PREFERENCE) {
      for (int offered : offeredByClient) {
        if (offered == preferred) {
          return OptionalInt.of(preferred);
        }
      }
    }
    return OptionalInt.empty();
  }

  /** SRTP master key length in bytes. */
  public static int masterKeyLength(int profile) {
    return switch (profile) {
      case AES128_CM_HMAC_SHA1_80, AEAD_AES_128_GCM -> 16;
      default -> throw unsupported(profile);
    };
  }

  /** SRTP master salt length in bytes. */
  public static int masterSaltLength(int profile) {
    return switch (profile) {
      case AES128_CM_HMAC_SHA1_80 -> 14;
      case AEAD_AES_128_GCM -> 12;
      default -> throw unsupported(profile);
    };
  }

  /**
   * Length of the material exported with label {@code EXTRACTOR-dtls_srtp}: a key and a salt for
   * each direction (RFC 5764 §4.2): 60 bytes for AES-CM, 56 for AEAD_AES_128_GCM.
   */
  public static int keyingMaterialLength(int profile) {
    return 2 * (masterKeyLength(profile) + masterSaltLength(profile));
  }

  /** IANA name, for logs. */
  public static String name(int profile) {
    return switch (profile) {
      case AES128_CM_HMAC_SHA1_80 -> "SRTP_AES128_CM_HMAC_SHA1_80";
      case AEAD_AES_128_GCM -> "SRTP_AEAD_AES_128_GCM";
      default -> String.format("unknown SRTP profile 0x%04x", profile);
    };
  }

  private static IllegalArgumentException unsupported(int profile) {
    return new IllegalArgumentException(name(profile) + " is not supported");
  }
}
