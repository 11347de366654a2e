package dev.chorus.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Mounts every resource in this package tree under {@code /api}. */
@ApplicationPath("api")
public class ChorusApplication extends Application {}
