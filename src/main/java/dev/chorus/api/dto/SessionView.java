package dev.chorus.api.dto;

import java.time.Instant;

/** A new login: the bearer token (shown once), when it expires, and whose it is. */
public record SessionView(String token, Instant expiresAt, AccountView account) {}
