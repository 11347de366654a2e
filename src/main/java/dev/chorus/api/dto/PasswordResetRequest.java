package dev.chorus.api.dto;

/** An administrator's new password for a local account. */
public record PasswordResetRequest(String password) {}
