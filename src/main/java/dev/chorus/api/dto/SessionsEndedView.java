package dev.chorus.api.dto;

/** How many sessions an administrator's "log out everywhere" ended. */
public record SessionsEndedView(int ended) {}
