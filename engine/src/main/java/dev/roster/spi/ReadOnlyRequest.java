package dev.roster.spi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Feign method that reads although its HTTP method is not GET (a search sent as POST), so
 * that the plan-time write guard lets it through. Every other non-GET request is refused during plan.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ReadOnlyRequest {}
