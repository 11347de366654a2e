package dev.chorus.media.sfu.transport;

import dev.chorus.media.dtls.DtlsFingerprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * The fake browser's DTLS identity: an ECDSA P-256 key and a self-signed certificate, as browsers
 * generate per peer connection (RFC 8827 §6.5). Built here because the server's own certificate
 * class keeps its private key to its package.
 */
record TestDtlsIdentity(AsymmetricKeyParameter privateKey, byte[] der) {

  static TestDtlsIdentity generate(SecureRandom random) {
    var curve = ECNamedCurveTable.getByOID(SECObjectIdentifiers.secp256r1);
    var generator = new ECKeyPairGenerator();
    generator.init(
        new ECKeyGenerationParameters(
            new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1, curve), random));
    var keys = generator.generateKeyPair();
    var name = new X500Name("CN=test-browser");
    var algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
    var now = Instant.now();
    var tbs = new V3TBSCertificateGenerator();
    tbs.setSerialNumber(new ASN1Integer(BigInteger.valueOf(1 + (random.nextLong() >>> 2))));
    tbs.setSignature(algorithm);
    tbs.setIssuer(name);
    tbs.setSubject(name);
    tbs.setStartDate(new Time(Date.from(now.minus(Duration.ofDays(1)))));
    tbs.setEndDate(new Time(Date.from(now.plus(Duration.ofDays(1)))));
    try {
      tbs.setSubjectPublicKeyInfo(
          SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(keys.getPublic()));
      var certificate = tbs.generateTBSCertificate();
      byte[] toSign = certificate.getEncoded(ASN1Encoding.DER);
      var signer = new DSADigestSigner(new ECDSASigner(), new SHA256Digest());
      signer.init(true, new ParametersWithRandom(keys.getPrivate(), random));
      signer.update(toSign, 0, toSign.length);
      byte[] signature = signer.generateSignature();
      byte[] der =
          new DERSequence(new ASN1Encodable[] {certificate, algorithm, new DERBitString(signature)})
              .getEncoded(ASN1Encoding.DER);
      return new TestDtlsIdentity(keys.getPrivate(), der);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  DtlsFingerprint fingerprint() {
    return DtlsFingerprint.of(DtlsFingerprint.SHA_256, der);
  }
}
