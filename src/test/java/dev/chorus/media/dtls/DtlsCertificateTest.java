package dev.chorus.media.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** The generated certificate, read back by the JDK's own X.509 parser (RFC 5280, RFC 5763 §5). */
class DtlsCertificateTest {

  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  // secp256r1 group order n (SEC 2 §2.4.2)
  static final BigInteger P256_ORDER =
      new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

  static X509Certificate parse(DtlsCertificate certificate) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(certificate.derEncoded()));
  }

  @Test
  void isASelfSignedEcdsaP256CertificateTheJdkAccepts() throws Exception {
    var certificate =
        DtlsCertificate.generate(new SecureRandom(), Clock.fixed(NOW, ZoneOffset.UTC));
    X509Certificate x509 = parse(certificate);

    assertEquals("1.2.840.10045.4.3.2", x509.getSigAlgOID()); // ecdsa-with-SHA256
    var key = (ECPublicKey) x509.getPublicKey();
    assertEquals(P256_ORDER, key.getParams().getOrder());
    x509.verify(key); // throws unless the signature is valid under its own key
    assertEquals(x509.getSubjectX500Principal(), x509.getIssuerX500Principal());
    assertEquals("CN=" + certificate.commonName(), x509.getSubjectX500Principal().getName());
    assertTrue(x509.getSerialNumber().signum() > 0);
    assertEquals(3, x509.getVersion());
  }

  @Test
  void validFromThirtyDaysBackToOneYearAhead() throws Exception {
    var certificate =
        DtlsCertificate.generate(new SecureRandom(), Clock.fixed(NOW, ZoneOffset.UTC));
    X509Certificate x509 = parse(certificate);

    assertEquals(NOW.minus(Duration.ofDays(30)), x509.getNotBefore().toInstant());
    assertEquals(NOW.plus(Duration.ofDays(365)), x509.getNotAfter().toInstant());
    x509.checkValidity(Date.from(NOW));
  }

  @Test
  void fingerprintIsSha256OfTheDerEncoding() throws Exception {
    var certificate = DtlsCertificate.generate(new SecureRandom());

    byte[] expected = MessageDigest.getInstance("SHA-256").digest(certificate.derEncoded());
    assertArrayEquals(expected, certificate.fingerprint().value());
    assertTrue(
        DtlsFingerprintRfc8122Test.SHA256_SDP
            .matcher(certificate.fingerprint().toSdpValue())
            .matches());
  }

  @Test
  void eachGenerationHasItsOwnKeyNameAndFingerprint() throws Exception {
    var random = new SecureRandom();
    var first = DtlsCertificate.generate(random);
    var second = DtlsCertificate.generate(random);

    assertNotEquals(first.fingerprint(), second.fingerprint());
    assertNotEquals(first.commonName(), second.commonName());
    assertNotEquals(parse(first).getPublicKey(), parse(second).getPublicKey());
    assertTrue(first.commonName().length() <= 24, first.commonName());
  }
}
