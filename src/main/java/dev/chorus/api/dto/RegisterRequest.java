package dev.chorus.api.dto;

/**
 * Body of {@code POST /api/accounts} (and {@code POST /api/admin/accounts}, which ignores {@code
 * invite}). {@code invite} is the invite code, needed when registration is by invitation.
 */
public record RegisterRequest(
    String username, String password, String displayName, String invite) {}
