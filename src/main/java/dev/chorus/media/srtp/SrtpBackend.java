package dev.chorus.media.srtp;

import javax.crypto.Cipher;
import org.jitsi.srtp.crypto.Aes;
import org.jitsi.srtp.crypto.HmacSha1;
import org.jitsi.srtp.crypto.JitsiOpenSslProvider;

/**
 * Which crypto implementations jitsi-srtp uses in this JVM: its bundled JNI library over the
 * system's OpenSSL when that loads (several times faster), else a JCE provider.
 *
 * <p>jitsi-srtp picks the fastest AES provider by benchmarking each one the first time a
 * transformation is requested (a few hundred milliseconds of CPU); {@link #describe()} triggers
 * that, so calling it at startup (off the packet path) keeps the cost away from the first call. The
 * result is logged once at INFO.
 */
public final class SrtpBackend {
  private static final System.Logger LOG = System.getLogger(SrtpBackend.class.getName());
  private static final String UNAVAILABLE = "unavailable";

  /**
   * What was found.
   *
   * @param nativeOpenSsl whether jitsi-srtp's JNI library loaded against the system OpenSSL
   * @param aesCtrProvider the provider behind AES-CTR (AES_CM profile and key derivation)
   * @param aesGcmProvider the provider behind AES-GCM (AEAD profile)
   * @param hmacProvider the provider behind HMAC-SHA1 (AES_CM profile tags)
   */
  public record Description(
      boolean nativeOpenSsl, String aesCtrProvider, String aesGcmProvider, String hmacProvider) {}

  private SrtpBackend() {}

  /** Probes once (thread-safe), logs the outcome once, and returns it. */
  public static Description describe() {
    return Holder.DESCRIPTION;
  }

  private static final class Holder {
    static final Description DESCRIPTION = probe();
  }

  private static Description probe() {
    boolean nativeOpenSsl = nativeLoaded();
    Description description =
        new Description(
            nativeOpenSsl,
            cipherProvider("AES/CTR/NoPadding"),
            cipherProvider("AES/GCM/NoPadding"),
            hmacProvider());
    LOG.log(
        System.Logger.Level.INFO,
        () ->
            "SRTP crypto: native OpenSSL "
                + (nativeOpenSsl ? "loaded" : "NOT loaded (pure Java fallback)")
                + "; AES-CTR by "
                + description.aesCtrProvider()
                + ", AES-GCM by "
                + description.aesGcmProvider()
                + ", HMAC-SHA1 by "
                + description.hmacProvider());
    return description;
  }

  private static boolean nativeLoaded() {
    try {
      return JitsiOpenSslProvider.isLoaded();
    } catch (LinkageError e) {
      // jitsi-srtp catches UnsatisfiedLinkError itself; anything else means no native path.
      LOG.log(System.Logger.Level.DEBUG, "jitsi-srtp native library unusable", e);
      return false;
    }
  }

  private static String cipherProvider(String transformation) {
    try {
      Cipher cipher = Aes.createCipher(transformation);
      return cipher.getProvider().getName();
    } catch (RuntimeException | LinkageError e) {
      LOG.log(System.Logger.Level.DEBUG, "no provider for " + transformation, e);
      return UNAVAILABLE;
    }
  }

  private static String hmacProvider() {
    try {
      return HmacSha1.createMac(JitsiSrtp.LOGGER).getProvider().getName();
    } catch (RuntimeException | LinkageError e) {
      LOG.log(System.Logger.Level.DEBUG, "no HMAC-SHA1 provider", e);
      return UNAVAILABLE;
    }
  }
}
