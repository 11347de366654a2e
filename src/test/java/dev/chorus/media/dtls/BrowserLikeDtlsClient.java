package dev.chorus.media.dtls;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Test-only DTLS client that behaves like a browser in WebRTC (the {@code a=setup:active} side):
 * its own ECDSA certificate, Chrome's cipher suite preferences, {@code use_srtp} with the given
 * profiles, the server authenticated only by its SDP fingerprint (checked here independently of the
 * code under test), and the RFC 5764 export with BouncyCastle's own label constant.
 */
final class BrowserLikeDtlsClient extends DefaultTlsClient {

  /** Outcome of a successful client handshake. */
  record Result(int profile, byte[] keyingMaterial, DTLSTransport transport) {}

  private static final int[] CHROME_LIKE_SUITES = {
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
  };

  private final BcTlsCrypto crypto;
  private final DtlsCertificate certificate;
  private final byte[] expectedServerSha256;
  private final int[] offeredProfiles;
  private final int paddingBytes;
  private final int timeoutMillis;

  private int selectedProfile = -1;
  private byte[] keyingMaterial;

  /**
   * @param offeredProfiles the use_srtp profiles to offer, or null for no use_srtp extension
   * @param paddingBytes size of an RFC 7685 padding extension (0 for none), to grow the ClientHello
   *     to Chromium's size
   */
  BrowserLikeDtlsClient(
      BcTlsCrypto crypto,
      DtlsCertificate certificate,
      byte[] expectedServerSha256,
      int[] offeredProfiles,
      int paddingBytes,
      int timeoutMillis) {
    super(crypto);
    this.crypto = crypto;
    this.certificate = certificate;
    this.expectedServerSha256 = expectedServerSha256.clone();
    this.offeredProfiles = offeredProfiles == null ? null : offeredProfiles.clone();
    this.paddingBytes = paddingBytes;
    this.timeoutMillis = timeoutMillis;
  }

  Result connect(DatagramTransport transport) throws IOException {
    DTLSTransport dtls = new DTLSClientProtocol().connect(this, transport);
    return new Result(selectedProfile, keyingMaterial, dtls);
  }

  @Override
  protected ProtocolVersion[] getSupportedVersions() {
    return ProtocolVersion.DTLSv12.only();
  }

  @Override
  protected int[] getSupportedCipherSuites() {
    return TlsUtils.getSupportedCipherSuites(getCrypto(), CHROME_LIKE_SUITES);
  }

  @Override
  public int getHandshakeTimeoutMillis() {
    return timeoutMillis;
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public Hashtable getClientExtensions() throws IOException {
    Hashtable extensions = super.getClientExtensions();
    if (extensions == null) {
      extensions = new Hashtable();
    }
    if (offeredProfiles != null) {
      TlsSRTPUtils.addUseSRTPExtension(
          extensions, new UseSRTPData(offeredProfiles, TlsUtils.EMPTY_BYTES));
    }
    if (paddingBytes > 0) {
      TlsExtensionsUtils.addPaddingExtension(extensions, paddingBytes);
    }
    return extensions;
  }

  @Override
  @SuppressWarnings("rawtypes")
  public void processServerExtensions(Hashtable serverExtensions) throws IOException {
    super.processServerExtensions(serverExtensions);
    UseSRTPData answer =
        serverExtensions == null ? null : TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
    if (answer == null || answer.getProtectionProfiles().length != 1) {
      throw new TlsFatalAlert(AlertDescription.illegal_parameter, "server use_srtp missing");
    }
    int chosen = answer.getProtectionProfiles()[0];
    boolean offered = false;
    for (int p : offeredProfiles) {
      offered |= p == chosen;
    }
    if (!offered || answer.getMki().length != 0) {
      throw new TlsFatalAlert(AlertDescription.illegal_parameter, "server use_srtp invalid");
    }
    selectedProfile = chosen;
  }

  @Override
  public TlsAuthentication getAuthentication() {
    return new TlsAuthentication() {
      @Override
      public void notifyServerCertificate(TlsServerCertificate serverCertificate)
          throws IOException {
        byte[] der = serverCertificate.getCertificate().getCertificateAt(0).getEncoded();
        if (!MessageDigest.isEqual(sha256(der), expectedServerSha256)) {
          throw new TlsFatalAlert(
              AlertDescription.bad_certificate, "server certificate fingerprint mismatch");
        }
      }

      @Override
      public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
        return new BcDefaultTlsCredentialedSigner(
            new TlsCryptoParameters(context),
            crypto,
            certificate.privateKey(),
            certificate.toTlsChain(crypto),
            new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
      }
    };
  }

  @Override
  public void notifyHandshakeComplete() throws IOException {
    super.notifyHandshakeComplete();
    int length =
        selectedProfile == SrtpProtectionProfiles.AEAD_AES_128_GCM ? 2 * (16 + 12) : 2 * (16 + 14);
    keyingMaterial = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, length);
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
