package dev.chorus.api.dto;

/** Body of {@code POST /api/admin/invites}: how long the invite is valid (ISO-8601), optional. */
public record InviteRequest(String validFor) {}
