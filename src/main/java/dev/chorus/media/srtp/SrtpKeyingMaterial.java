package dev.chorus.media.srtp;

import java.util.Arrays;
import java.util.Objects;

/**
 * DTLS exported keying material split into the master keys and salts of both directions.
 *
 * <p>RFC 5764 §4.2 lays the exporter output out as {@code client_write_SRTP_master_key |
 * server_write_SRTP_master_key | client_write_SRTP_master_salt | server_write_SRTP_master_salt}.
 * Arrays are copied in and out, so an instance never shares key bytes with its caller. {@link
 * #toString()} never prints key bytes.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5764#section-4.2">RFC 5764 §4.2</a>
 */
public record SrtpKeyingMaterial(
    SrtpProfile profile,
    byte[] clientWriteKey,
    byte[] serverWriteKey,
    byte[] clientWriteSalt,
    byte[] serverWriteSalt) {

  /** The TLS exporter label for DTLS-SRTP keying material (RFC 5764 §4.2). */
  public static final String EXPORTER_LABEL = "EXTRACTOR-dtls_srtp";

  /**
   * Validates lengths against the profile and takes private copies.
   *
   * @throws IllegalArgumentException if a key or salt has the wrong length for the profile
   */
  public SrtpKeyingMaterial {
    Objects.requireNonNull(profile, "profile");
    clientWriteKey = checkedCopy(clientWriteKey, profile.cipherKeyLength(), "clientWriteKey");
    serverWriteKey = checkedCopy(serverWriteKey, profile.cipherKeyLength(), "serverWriteKey");
    clientWriteSalt = checkedCopy(clientWriteSalt, profile.saltLength(), "clientWriteSalt");
    serverWriteSalt = checkedCopy(serverWriteSalt, profile.saltLength(), "serverWriteSalt");
  }

  /**
   * Splits exporter output of exactly {@link SrtpProfile#keyingMaterialLength()} bytes.
   *
   * @throws IllegalArgumentException if {@code material} has the wrong length; the DTLS layer asks
   *     the exporter for exactly that many bytes, so a mismatch is a programming error
   */
  public static SrtpKeyingMaterial split(SrtpProfile profile, byte[] material) {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(material, "material");
    if (material.length != profile.keyingMaterialLength()) {
      throw new IllegalArgumentException(
          profile
              + " needs "
              + profile.keyingMaterialLength()
              + " bytes of keying material, got "
              + material.length);
    }
    int keyLength = profile.cipherKeyLength();
    int saltLength = profile.saltLength();
    int serverKeyAt = keyLength;
    int clientSaltAt = 2 * keyLength;
    int serverSaltAt = clientSaltAt + saltLength;
    return new SrtpKeyingMaterial(
        profile,
        Arrays.copyOfRange(material, 0, keyLength),
        Arrays.copyOfRange(material, serverKeyAt, serverKeyAt + keyLength),
        Arrays.copyOfRange(material, clientSaltAt, clientSaltAt + saltLength),
        Arrays.copyOfRange(material, serverSaltAt, serverSaltAt + saltLength));
  }

  /** The master key the given side encrypts with. */
  public byte[] writeKey(SrtpRole role) {
    return role == SrtpRole.CLIENT ? clientWriteKey() : serverWriteKey();
  }

  /** The master salt the given side encrypts with. */
  public byte[] writeSalt(SrtpRole role) {
    return role == SrtpRole.CLIENT ? clientWriteSalt() : serverWriteSalt();
  }

  @Override
  public byte[] clientWriteKey() {
    return clientWriteKey.clone();
  }

  @Override
  public byte[] serverWriteKey() {
    return serverWriteKey.clone();
  }

  @Override
  public byte[] clientWriteSalt() {
    return clientWriteSalt.clone();
  }

  @Override
  public byte[] serverWriteSalt() {
    return serverWriteSalt.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SrtpKeyingMaterial that
        && profile == that.profile
        && Arrays.equals(clientWriteKey, that.clientWriteKey)
        && Arrays.equals(serverWriteKey, that.serverWriteKey)
        && Arrays.equals(clientWriteSalt, that.clientWriteSalt)
        && Arrays.equals(serverWriteSalt, that.serverWriteSalt);
  }

  @Override
  public int hashCode() {
    int hash = profile.hashCode();
    hash = 31 * hash + Arrays.hashCode(clientWriteKey);
    hash = 31 * hash + Arrays.hashCode(serverWriteKey);
    hash = 31 * hash + Arrays.hashCode(clientWriteSalt);
    return 31 * hash + Arrays.hashCode(serverWriteSalt);
  }

  /** Names the profile only: key bytes must never reach a log. */
  @Override
  public String toString() {
    return "SrtpKeyingMaterial[" + profile + ", keys redacted]";
  }

  private static byte[] checkedCopy(byte[] value, int expectedLength, String name) {
    Objects.requireNonNull(value, name);
    if (value.length != expectedLength) {
      throw new IllegalArgumentException(
          name + " must be " + expectedLength + " bytes, got " + value.length);
    }
    return value.clone();
  }
}
