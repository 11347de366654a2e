/**
 * Accounts: who can log in. The {@link dev.chorus.im.account.Account} entity, the rules for
 * usernames, passwords and display names, and Argon2id password hashing.
 *
 * <p>Depends on {@code im.common}, JPA, CDI and BouncyCastle.
 */
package dev.chorus.im.account;
