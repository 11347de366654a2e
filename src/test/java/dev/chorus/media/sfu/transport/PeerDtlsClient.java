package dev.chorus.media.sfu.transport;

import dev.chorus.media.dtls.DtlsFingerprint;
import dev.chorus.media.dtls.SrtpProtectionProfiles;
import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
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
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The fake browser's DTLS client ({@code a=setup:active}): DTLS 1.2, a client certificate, {@code
 * use_srtp} with the given profiles, the server checked against the fingerprint of the SDP answer,
 * and the RFC 5764 §4.2 export once done.
 */
final class PeerDtlsClient extends DefaultTlsClient {
  /** What the handshake produced. */
  record Result(int profile, byte[] keyingMaterial, DTLSTransport transport) {}

  private final BcTlsCrypto crypto;
  private final TestDtlsIdentity identity;
  private final DtlsFingerprint expectedServer;
  private final int[] profiles;
  private int selectedProfile = -1;
  private byte[] keyingMaterial;

  PeerDtlsClient(
      BcTlsCrypto crypto,
      TestDtlsIdentity identity,
      DtlsFingerprint expectedServer,
      int[] profiles) {
    super(crypto);
    this.crypto = crypto;
    this.identity = identity;
    this.expectedServer = expectedServer;
    this.profiles = profiles.clone();
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
  public int getHandshakeTimeoutMillis() {
    return 10_000;
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public Hashtable getClientExtensions() throws IOException {
    Hashtable extensions = super.getClientExtensions();
    if (extensions == null) {
      extensions = new Hashtable();
    }
    TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(profiles, TlsUtils.EMPTY_BYTES));
    return extensions;
  }

  @Override
  @SuppressWarnings("rawtypes")
  public void processServerExtensions(Hashtable serverExtensions) throws IOException {
    super.processServerExtensions(serverExtensions);
    UseSRTPData answer =
        serverExtensions == null ? null : TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
    if (answer == null || answer.getProtectionProfiles().length != 1) {
      throw new TlsFatalAlert(AlertDescription.illegal_parameter, "no use_srtp in ServerHello");
    }
    selectedProfile = answer.getProtectionProfiles()[0];
  }

  @Override
  public TlsAuthentication getAuthentication() {
    return new TlsAuthentication() {
      @Override
      public void notifyServerCertificate(TlsServerCertificate server) throws IOException {
        byte[] der = server.getCertificate().getCertificateAt(0).getEncoded();
        if (!expectedServer.matches(der)) {
          throw new TlsFatalAlert(AlertDescription.bad_certificate, "fingerprint mismatch");
        }
      }

      @Override
      public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
        var chain =
            new Certificate(new TlsCertificate[] {crypto.createCertificate(identity.der())});
        return new BcDefaultTlsCredentialedSigner(
            new TlsCryptoParameters(context),
            crypto,
            identity.privateKey(),
            chain,
            new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
      }
    };
  }

  @Override
  public void notifyHandshakeComplete() throws IOException {
    super.notifyHandshakeComplete();
    keyingMaterial =
        context.exportKeyingMaterial(
            ExporterLabel.dtls_srtp,
            null,
            SrtpProtectionProfiles.keyingMaterialLength(selectedProfile));
  }
}
