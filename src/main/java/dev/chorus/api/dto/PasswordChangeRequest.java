package dev.chorus.api.dto;

/** Body of {@code PUT /api/accounts/me/password}. */
public record PasswordChangeRequest(String currentPassword, String newPassword) {}
