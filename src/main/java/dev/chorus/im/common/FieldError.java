package dev.chorus.im.common;

/** One invalid input field and why, as shown next to that field in a form. */
public record FieldError(String field, String message) {}
