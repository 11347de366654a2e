package dev.chorus.im.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Argon2id password hashing (RFC 9106) with BouncyCastle, stored in the PHC string format {@code
 * $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} so the parameters can be raised later without
 * invalidating stored hashes.
 *
 * <p>Every hash, check and burn, for accounts and rooms alike, goes through one {@link
 * ConcurrencyLimit} ({@code chorus.hashing.*}): each costs ~19 MiB and tens of milliseconds of a
 * core, so a flood must be refused (503) rather than queued without bound. Callers must not hold a
 * transaction or a lock while calling in.
 */
@ApplicationScoped
public class PasswordHasher {
  /** OWASP's minimum recommendation for Argon2id: 19 MiB, 2 passes, 1 lane. */
  public static final Params DEFAULT = new Params(19 * 1024, 2, 1);

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final SecureRandom random = new SecureRandom();
  private final Params params;
  private final ConcurrencyLimit limit;

  /** Argon2id cost parameters: memory in KiB, iterations, parallelism. */
  public record Params(int memoryKiB, int iterations, int parallelism) {}

  /** CDI needs a no-argument constructor for the client proxy. */
  protected PasswordHasher() {
    this(DEFAULT);
  }

  @Inject
  public PasswordHasher(
      @ConfigProperty(name = "chorus.hashing.max-concurrent", defaultValue = "0") int maxConcurrent,
      @ConfigProperty(name = "chorus.hashing.max-waiting", defaultValue = "8") int maxWaiting,
      @ConfigProperty(name = "chorus.hashing.max-wait", defaultValue = "PT2S") Duration maxWait) {
    this(
        DEFAULT,
        new ConcurrencyLimit(
            maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors(),
            maxWaiting,
            maxWait));
  }

  /** Without a limit beyond the number of cores (tests). */
  public PasswordHasher(Params params) {
    this(
        params,
        new ConcurrencyLimit(
            Runtime.getRuntime().availableProcessors(), 64, Duration.ofMinutes(1)));
  }

  public PasswordHasher(Params params, ConcurrencyLimit limit) {
    this.params = params;
    this.limit = limit;
  }

  /**
   * Hashes with a fresh random salt.
   *
   * @throws dev.chorus.im.common.OverloadedException when too many hashes are under way
   */
  public String hash(String password) {
    var salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    var hash = limit.call(() -> argon2(password, salt, params, HASH_BYTES));
    return "$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s"
        .formatted(
            params.memoryKiB(),
            params.iterations(),
            params.parallelism(),
            B64.encodeToString(salt),
            B64.encodeToString(hash));
  }

  /**
   * True if the password matches; false for a wrong password or an unreadable stored hash.
   *
   * @throws dev.chorus.im.common.OverloadedException when too many hashes are under way
   */
  public boolean verify(String password, String encoded) {
    return Phc.parse(encoded)
        .map(
            phc ->
                MessageDigest.isEqual(
                    phc.hash(),
                    limit.call(
                        () -> argon2(password, phc.salt(), phc.params(), phc.hash().length))))
        .orElse(false);
  }

  /**
   * Spends the same work as a real check, so that "unknown user" and "wrong password" take equally
   * long and a timing attacker cannot list usernames.
   */
  public void burn(String password) {
    limit.call(() -> argon2(password, new byte[SALT_BYTES], params, HASH_BYTES));
  }

  private static byte[] argon2(String password, byte[] salt, Params params, int length) {
    var generator = new Argon2BytesGenerator();
    generator.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(params.memoryKiB())
            .withIterations(params.iterations())
            .withParallelism(params.parallelism())
            .withSalt(salt)
            .build());
    var out = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }

  /** A parsed PHC string. */
  private record Phc(Params params, byte[] salt, byte[] hash) {
    static Optional<Phc> parse(String encoded) {
      if (encoded == null) {
        return Optional.empty();
      }
      var parts = encoded.split("\\$");
      // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
      if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
        return Optional.empty();
      }
      try {
        int m = 0;
        int t = 0;
        int p = 0;
        for (var kv : parts[3].split(",")) {
          var pair = kv.split("=", 2);
          int value = Integer.parseInt(pair[1]);
          switch (pair[0]) {
            case "m" -> m = value;
            case "t" -> t = value;
            case "p" -> p = value;
            default -> {
              return Optional.empty();
            }
          }
        }
        if (m <= 0 || t <= 0 || p <= 0) {
          return Optional.empty();
        }
        return Optional.of(
            new Phc(new Params(m, t, p), B64D.decode(parts[4]), B64D.decode(parts[5])));
      } catch (RuntimeException malformed) {
        return Optional.empty();
      }
    }
  }
}
