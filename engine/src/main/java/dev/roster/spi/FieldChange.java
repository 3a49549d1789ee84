package dev.roster.spi;

/**
 * One attribute's change. Nested objects are flattened to dotted names ({@code preferences.language}).
 * {@code before} is null on create; values of sensitive attributes are {@link dev.roster.spi.Secret}s
 * or masked, never plain text.
 */
public record FieldChange(String name, Object before, Object after, boolean sensitive) {}
