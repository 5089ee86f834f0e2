package dev.keycard.client;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * A URI Keycard may send a user's browser to (a redirect URI, a post-logout redirect URI) or call
 * (a back-channel logout URI): absolute, {@code https}, or {@code http} only to the machine itself
 * (RFC 8252 §7.3, OAuth 2.0 Security BCP §4.1.1), printable ASCII without a fragment (RFC 6749
 * §3.1.2), a user-info part or a wildcard. It is compared byte for byte, so it is kept as written.
 */
@Target({TYPE_USE, FIELD, PARAMETER})
@Retention(RUNTIME)
@Constraint(validatedBy = RedirectUri.Check.class)
public @interface RedirectUri {

    int MAX_LENGTH = 2000;

    String message() default
            "must each be an absolute https URI (http only for localhost, 127.0.0.1 or [::1])"
                    + " of at most 2000 printable ASCII characters, without a fragment, user info or '*'";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<RedirectUri, String> {

        private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

        @Override
        public boolean isValid(String uri, ConstraintValidatorContext context) {
            return uri == null || valid(uri);
        }

        static boolean valid(String value) {
            if (value.isEmpty() || value.length() > MAX_LENGTH || value.indexOf('*') >= 0) {
                return false;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c <= 0x20 || c >= 0x7f) {
                    return false;
                }
            }
            URI uri;
            try {
                uri = new URI(value);
            } catch (URISyntaxException notAUri) {
                return false;
            }
            if (!uri.isAbsolute()
                    || uri.isOpaque()
                    || uri.getHost() == null
                    || uri.getRawUserInfo() != null
                    || uri.getRawFragment() != null) {
                return false;
            }
            return "https".equals(uri.getScheme())
                    || "http".equals(uri.getScheme()) && LOOPBACK.contains(uri.getHost());
        }
    }
}
