package dev.chorus.media.dtls;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Hashtable;
import java.util.OptionalInt;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * BouncyCastle {@code TlsServer} callbacks for one DTLS-SRTP handshake (<a
 * href="https://www.rfc-editor.org/rfc/rfc5764#section-4.1">RFC 5764 §4.1</a>, <a
 * href="https://www.rfc-editor.org/rfc/rfc5763#section-5">RFC 5763 §5</a>): DTLS 1.2 only,
 * ECDHE-ECDSA with AES-GCM, a mandatory client certificate checked against the SDP fingerprint, the
 * {@code use_srtp} extension, and the keying material export once the handshake completes.
 *
 * <p>One instance per handshake; BouncyCastle calls it from the handshake thread only.
 */
final class DtlsSrtpTlsServer extends DefaultTlsServer {

  private static final System.Logger LOG = System.getLogger(DtlsSrtpTlsServer.class.getName());

  private static final int[] CIPHER_SUITES = {
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
  };

  private final BcTlsCrypto crypto;
  private final DtlsCertificate certificate;
  private final PeerFingerprintVerifier verifier;
  private final int handshakeTimeoutMillis;

  private int selectedProfile = -1;
  private String srtpFailure;
  private DtlsFingerprint peerFingerprint;
  private DtlsSrtpKeyingMaterial keyingMaterial;

  DtlsSrtpTlsServer(
      BcTlsCrypto crypto,
      DtlsCertificate certificate,
      PeerFingerprintVerifier verifier,
      int handshakeTimeoutMillis) {
    super(crypto);
    this.crypto = crypto;
    this.certificate = certificate;
    this.verifier = verifier;
    this.handshakeTimeoutMillis = handshakeTimeoutMillis;
  }

  @Override
  protected ProtocolVersion[] getSupportedVersions() {
    // DTLS 1.0 is deprecated (RFC 8996) and no current browser needs it.
    return ProtocolVersion.DTLSv12.only();
  }

  @Override
  protected int[] getSupportedCipherSuites() {
    return TlsUtils.getSupportedCipherSuites(getCrypto(), CIPHER_SUITES);
  }

  @Override
  public int getHandshakeTimeoutMillis() {
    return handshakeTimeoutMillis;
  }

  /**
   * BouncyCastle only exports keying material from an extended master secret (RFC 7627 §5.4);
   * Chrome, Firefox and Safari all send the extension, so refuse early and clearly without it.
   */
  @Override
  public boolean requiresExtendedMasterSecret() {
    return true;
  }

  @Override
  @SuppressWarnings("rawtypes") // BouncyCastle's API uses raw Hashtable; overrides must match.
  public void processClientExtensions(Hashtable clientExtensions) throws IOException {
    super.processClientExtensions(clientExtensions);
    UseSRTPData offered =
        clientExtensions == null ? null : TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
    if (offered == null) {
      srtpFailure = "client did not offer the use_srtp extension (RFC 5764 §4.1.1)";
      throw new TlsFatalAlert(AlertDescription.handshake_failure, srtpFailure);
    }
    OptionalInt chosen = SrtpProtectionProfiles.select(offered.getProtectionProfiles());
    if (chosen.isEmpty()) {
      // RFC 5764 §4.1.1 would fall back to plain DTLS; media without SRTP is useless to us.
      srtpFailure =
          "no SRTP protection profile in common: client offered "
              + describe(offered.getProtectionProfiles());
      throw new TlsFatalAlert(AlertDescription.handshake_failure, srtpFailure);
    }
    selectedProfile = chosen.getAsInt();
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"}) // see processClientExtensions
  public Hashtable getServerExtensions() throws IOException {
    Hashtable extensions = super.getServerExtensions();
    if (extensions == null) {
      extensions = new Hashtable();
    }
    // An empty MKI tells the client we do not use MKIs (RFC 5764 §4.1.1).
    TlsSRTPUtils.addUseSRTPExtension(
        extensions, new UseSRTPData(new int[] {selectedProfile}, TlsUtils.EMPTY_BYTES));
    return extensions;
  }

  @Override
  protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
    return new BcDefaultTlsCredentialedSigner(
        new TlsCryptoParameters(context),
        crypto,
        certificate.privateKey(),
        certificate.toTlsChain(crypto),
        chooseEcdsaSignatureAlgorithm());
  }

  /** ecdsa_secp256r1_sha256 fits our P-256 key; use it unless the client does not list it. */
  @SuppressWarnings("rawtypes")
  private SignatureAndHashAlgorithm chooseEcdsaSignatureAlgorithm() throws IOException {
    var preferred = new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);
    Vector clientAlgorithms = context.getSecurityParametersHandshake().getClientSigAlgs();
    if (clientAlgorithms == null || clientAlgorithms.contains(preferred)) {
      return preferred;
    }
    return TlsUtils.chooseSignatureAndHashAlgorithm(
        context, clientAlgorithms, SignatureAlgorithm.ecdsa);
  }

  /** RFC 5763 §5: the server MUST request a certificate, the peer is known only by it. */
  @Override
  public CertificateRequest getCertificateRequest() {
    short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
    return new CertificateRequest(
        types, TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
  }

  @Override
  public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
    peerFingerprint = verifier.verify(clientCertificate);
  }

  /**
   * The only moment BouncyCastle lets us export: it wipes the master secret when {@code accept}
   * returns (observed in 1.82, {@code SecurityParameters.clear()}).
   */
  @Override
  public void notifyHandshakeComplete() throws IOException {
    super.notifyHandshakeComplete();
    if (peerFingerprint == null || selectedProfile < 0) {
      throw new TlsFatalAlert(AlertDescription.internal_error, "handshake completed unverified");
    }
    byte[] material =
        context.exportKeyingMaterial(
            DtlsSrtpKeyingMaterial.EXPORTER_LABEL,
            null,
            SrtpProtectionProfiles.keyingMaterialLength(selectedProfile));
    keyingMaterial = new DtlsSrtpKeyingMaterial(selectedProfile, material, peerFingerprint);
    LOG.log(
        Level.DEBUG,
        () ->
            "DTLS-SRTP handshake complete: "
                + SrtpProtectionProfiles.name(selectedProfile)
                + ", cipher suite 0x"
                + Integer.toHexString(context.getSecurityParametersConnection().getCipherSuite())
                + ", peer "
                + peerFingerprint);
  }

  @Override
  public void notifyAlertRaised(
      short alertLevel, short alertDescription, String message, Throwable cause) {
    Level level = alertLevel == AlertLevel.fatal ? Level.DEBUG : Level.TRACE;
    LOG.log(
        level,
        () ->
            "DTLS alert sent: "
                + AlertDescription.getText(alertDescription)
                + (message == null ? "" : " (" + message + ")"));
  }

  @Override
  public void notifyAlertReceived(short alertLevel, short alertDescription) {
    Level level = alertLevel == AlertLevel.fatal ? Level.DEBUG : Level.TRACE;
    LOG.log(level, () -> "DTLS alert received: " + AlertDescription.getText(alertDescription));
  }

  /** Set once the handshake completed; null before or after a failure. */
  DtlsSrtpKeyingMaterial keyingMaterial() {
    return keyingMaterial;
  }

  /** Why use_srtp negotiation failed, or null. */
  String srtpFailure() {
    return srtpFailure;
  }

  private static String describe(int[] profiles) {
    var names = new StringBuilder("[");
    for (int i = 0; profiles != null && i < profiles.length; i++) {
      names.append(i == 0 ? "" : ", ").append(SrtpProtectionProfiles.name(profiles[i]));
    }
    return names.append(']').toString();
  }
}
