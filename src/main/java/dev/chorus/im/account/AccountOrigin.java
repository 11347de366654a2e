package dev.chorus.im.account;

import java.util.Locale;

/**
 * Where an account's identity comes from. Only {@link #LOCAL} accounts have a password Chorus
 * checks; the others are proven by a directory or an identity provider at each sign-in, and Chorus
 * never sees or stores a password for them.
 */
public enum AccountOrigin {
  /** Registered in Chorus, with an Argon2id password hash. */
  LOCAL("Chorus"),
  /** A directory (LDAP, Active Directory) checks the password at each login. */
  LDAP("the directory (LDAP)"),
  /** An OpenID Connect provider signs the user in (single sign-on). */
  OIDC("single sign-on (OpenID Connect)");

  private final String label;

  AccountOrigin(String label) {
    this.label = label;
  }

  /** Who checks this account's sign-in, for messages shown to users. */
  public String label() {
    return label;
  }

  /** The lower-case name clients see, e.g. {@code ldap}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isExternal() {
    return this != LOCAL;
  }
}
