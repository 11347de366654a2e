package dev.chorus.api.dto;

/** Body of {@code POST /api/accounts}. */
public record RegisterRequest(String username, String password, String displayName) {}
