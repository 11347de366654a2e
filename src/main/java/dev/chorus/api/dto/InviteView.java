package dev.chorus.api.dto;

import java.time.Instant;

/** A new invite: the code (shown once; only its hash is stored) and when it expires. */
public record InviteView(String code, Instant expiresAt) {}
