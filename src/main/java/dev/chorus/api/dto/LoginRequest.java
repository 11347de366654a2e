package dev.chorus.api.dto;

/** Body of {@code POST /api/sessions}. */
public record LoginRequest(String username, String password) {}
