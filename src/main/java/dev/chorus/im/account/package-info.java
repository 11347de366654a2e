/**
 * Accounts: who can log in. The {@link dev.chorus.im.account.Account} entity, the rules for
 * usernames, passwords and display names, and Argon2id password hashing.
 *
 * <p>An account is local (a password hash Chorus checks) or external (LDAP, OIDC: a directory or
 * identity provider checks the sign-in, Chorus stores no password). External accounts are created
 * and synced by {@link dev.chorus.im.account.AccountService#signInExternal} under the rules of
 * {@link dev.chorus.im.account.ExternalSignIn}.
 *
 * <p>Depends on {@code im.common}, JPA, CDI and BouncyCastle.
 */
package dev.chorus.im.account;
