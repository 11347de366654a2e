package dev.chorus.media.dtls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * The self-signed ECDSA P-256 certificate a DTLS-SRTP endpoint presents (<a
 * href="https://www.rfc-editor.org/rfc/rfc5763#section-5">RFC 5763 §5</a>: WebRTC peers
 * authenticate by the fingerprint in SDP, not by a CA chain, so a fresh key per process is enough).
 * Generate one at startup and share it by all sessions; it is immutable.
 *
 * <p>Built with BouncyCastle's low-level API because the project has no bcpkix dependency: the
 * X.509 structure is assembled from bcprov's ASN.1 classes and signed with deterministic ECDSA (RFC
 * 6979) over SHA-256.
 */
public final class DtlsCertificate {

  /** How far back {@code notBefore} lies, so peers with a slow clock accept it. */
  public static final Duration BACKDATE = Duration.ofDays(30);

  /** Lifetime after generation; the SFU is restarted far more often than this. */
  public static final Duration LIFETIME = Duration.ofDays(365);

  private final ECPrivateKeyParameters privateKey;
  private final byte[] der;
  private final DtlsFingerprint fingerprint;
  private final String commonName;

  private DtlsCertificate(ECPrivateKeyParameters privateKey, byte[] der, String commonName) {
    this.privateKey = privateKey;
    this.der = der;
    this.commonName = commonName;
    this.fingerprint = DtlsFingerprint.of(DtlsFingerprint.SHA_256, der);
  }

  /** Generates a new key pair and certificate valid from 30 days ago to one year from now. */
  public static DtlsCertificate generate(SecureRandom random) {
    return generate(random, Clock.systemUTC());
  }

  static DtlsCertificate generate(SecureRandom random, Clock clock) {
    var curve = ECNamedCurveTable.getByOID(SECObjectIdentifiers.secp256r1);
    var domain = new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1, curve);
    var generator = new ECKeyPairGenerator();
    generator.init(new ECKeyGenerationParameters(domain, random));
    AsymmetricCipherKeyPair keyPair = generator.generateKeyPair();

    // A random CN like browsers use ("WebRTC" + random): it carries no meaning, only uniqueness.
    byte[] nameBytes = new byte[6];
    random.nextBytes(nameBytes);
    String commonName = "chorus-" + HexFormat.of().formatHex(nameBytes);
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();

    Instant now = clock.instant();
    var signatureAlgorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
    var tbsGenerator = new V3TBSCertificateGenerator();
    // Positive 64-bit serial: RFC 5280 §4.1.2.2 wants a positive integer of at most 20 octets.
    tbsGenerator.setSerialNumber(new ASN1Integer(new BigInteger(64, random).add(BigInteger.ONE)));
    tbsGenerator.setSignature(signatureAlgorithm);
    tbsGenerator.setIssuer(name);
    tbsGenerator.setSubject(name);
    tbsGenerator.setStartDate(new Time(Date.from(now.minus(BACKDATE))));
    tbsGenerator.setEndDate(new Time(Date.from(now.plus(LIFETIME))));
    try {
      tbsGenerator.setSubjectPublicKeyInfo(
          SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(keyPair.getPublic()));
      TBSCertificate tbs = tbsGenerator.generateTBSCertificate();

      var signer =
          new DSADigestSigner(
              new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest())), new SHA256Digest());
      signer.init(true, keyPair.getPrivate());
      byte[] tbsDer = tbs.getEncoded(ASN1Encoding.DER);
      signer.update(tbsDer, 0, tbsDer.length);
      byte[] signature = signer.generateSignature();

      var certificate = new ASN1EncodableVector(3);
      certificate.add(tbs);
      certificate.add(signatureAlgorithm);
      certificate.add(new DERBitString(signature));
      byte[] der = new DERSequence(certificate).getEncoded(ASN1Encoding.DER);
      return new DtlsCertificate((ECPrivateKeyParameters) keyPair.getPrivate(), der, commonName);
    } catch (IOException e) {
      // Only in-memory encoding happens here; an IOException would be a BouncyCastle bug.
      throw new UncheckedIOException("could not encode the DTLS certificate", e);
    }
  }

  /** SHA-256 fingerprint of the DER certificate, for {@code a=fingerprint} in our SDP. */
  public DtlsFingerprint fingerprint() {
    return fingerprint;
  }

  /** The DER encoding of the certificate. */
  public byte[] derEncoded() {
    return der.clone();
  }

  /** The random subject/issuer CN (handy in logs to tell two server instances apart). */
  public String commonName() {
    return commonName;
  }

  ECPrivateKeyParameters privateKey() {
    return privateKey;
  }

  /** The one-element chain BouncyCastle's TLS API sends in the Certificate message. */
  Certificate toTlsChain(TlsCrypto crypto) throws IOException {
    return new Certificate(new TlsCertificate[] {crypto.createCertificate(der)});
  }
}
