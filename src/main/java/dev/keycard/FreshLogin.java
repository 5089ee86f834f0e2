package dev.keycard;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a sensitive operation that needs a recent password entry, not just a valid token
 * (Flask-JWT-Extended's {@code fresh=True}). Enforced by {@code auth/FreshLoginCheck}. The
 * annotation lives here, beside the other rules every feature shares, so that a feature that the
 * auth package depends on (keys, through token) can mark an operation without a package cycle.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface FreshLogin {}
