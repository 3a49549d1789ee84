package dev.roster.spi;

/** The person an account belongs to, as the manifest declares them. Email and name may be null. */
public record Person(String handle, String email, String name) {}
