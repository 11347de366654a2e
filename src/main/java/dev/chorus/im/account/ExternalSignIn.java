package dev.chorus.im.account;

import dev.chorus.im.common.ConflictException;
import dev.chorus.im.common.ForbiddenException;
import java.util.Optional;

/**
 * The rules of a sign-in through a directory or identity provider, apart from the database so they
 * can be tested alone:
 *
 * <ul>
 *   <li>The account is found by (origin, subject), never by username: a directory rename keeps the
 *       account, and a directory cannot take over an account by naming a user like it.
 *   <li>First sign-in creates the account under the directory's username, which must follow the
 *       Chorus username rules. The username stays as first given; display name and admin flag are
 *       synced at every sign-in.
 *   <li>A username that already belongs to another account (a local one, or one from another origin
 *       or subject) is refused with {@code username_taken}: linking by name would let whoever
 *       controls the directory entry sign in as the local user.
 * </ul>
 */
public final class ExternalSignIn {
  private ExternalSignIn() {}

  /** What to do with a sign-in. */
  public sealed interface Decision {}

  /** No account yet: create one with these normalised fields. */
  public record Create(String username, String displayName) implements Decision {}

  /** The account exists: update its display name. */
  public record Sync(Account account, String displayName) implements Decision {}

  /**
   * Decides from what the database holds.
   *
   * @param bySubject the account with this origin and subject, if any
   * @param byUsername the account with the normalised preferred username, if any
   * @throws ForbiddenException {@code username_not_allowed} if a new account's username breaks the
   *     Chorus rules
   * @throws ConflictException {@code username_taken} if the username belongs to another account
   */
  public static Decision decide(
      AccountOrigin origin,
      String preferredUsername,
      String displayName,
      Optional<Account> bySubject,
      Optional<Account> byUsername) {
    if (bySubject.isPresent()) {
      var account = bySubject.get();
      return new Sync(account, displayNameOf(displayName, account.username()));
    }
    var username = usernameOf(origin, preferredUsername);
    if (byUsername.isPresent()) {
      var other = byUsername.get();
      throw new ConflictException(
          "username_taken",
          "The username '"
              + username
              + "' already belongs to "
              + (other.isExternal()
                  ? "another account that signs in through " + other.origin().label()
                  : "a local Chorus account")
              + ", so your account from "
              + origin.label()
              + " cannot be created. Ask an administrator.");
    }
    return new Create(username, displayNameOf(displayName, username));
  }

  /**
   * The directory's username as a Chorus username.
   *
   * @throws ForbiddenException {@code username_not_allowed} naming what is wrong
   */
  static String usernameOf(AccountOrigin origin, String preferredUsername) {
    var username = AccountRules.normalizeUsername(preferredUsername);
    var problem = AccountRules.usernameProblem(username);
    if (problem.isPresent()) {
      throw new ForbiddenException(
          "username_not_allowed",
          "Your username from "
              + origin.label()
              + " ('"
              + (preferredUsername == null ? "" : preferredUsername.strip())
              + "') cannot be used in Chorus: "
              + problem.get());
    }
    return username;
  }

  /**
   * A display name as Chorus shows it: control characters dropped, trimmed, cut to the maximum
   * length; the username when the directory has none.
   */
  static String displayNameOf(String displayName, String username) {
    if (displayName == null) {
      return username;
    }
    var clean = new StringBuilder();
    displayName
        .strip()
        .codePoints()
        .filter(c -> !Character.isISOControl(c))
        .limit(AccountRules.DISPLAY_NAME_MAX)
        .forEach(clean::appendCodePoint);
    var result = clean.toString().strip();
    return result.isEmpty() ? username : result;
  }
}
