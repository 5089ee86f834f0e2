package dev.keycard.auth;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a sensitive operation that needs a recent password entry, not just a valid token
 * (Flask-JWT-Extended's {@code fresh=True}). Enforced by {@link FreshLoginCheck}.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface FreshLogin {}
