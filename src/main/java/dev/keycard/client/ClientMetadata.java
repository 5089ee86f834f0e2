package dev.keycard.client;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The vocabulary of client registration (RFC 7591 names and values) and the rules that tie its
 * fields together, declared once for registration and for changes.
 */
public final class ClientMetadata {

    public static final String AUTHORIZATION_CODE = "authorization_code";
    public static final String REFRESH_TOKEN = "refresh_token";
    public static final String CLIENT_CREDENTIALS = "client_credentials";
    public static final String CLIENT_SECRET_BASIC = "client_secret_basic";
    public static final String CLIENT_SECRET_POST = "client_secret_post";
    public static final String NONE = "none";

    /** The scopes an application may ask for: what the ID token and userinfo can answer. */
    public static final String DEFAULT_SCOPE = "openid profile email roles";

    static final String CLIENT_ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    static final String CLIENT_ID_RULE =
            "must be 1 to 64 of A-Z, a-z, 0-9, '.', '_' or '-', starting with a letter or digit";

    /** {@code client_name}: shown to people. */
    @Pattern(regexp = "[^\\p{Cc}]{1,200}")
    @ReportAsSingleViolation
    @Constraint(validatedBy = {})
    @Target({TYPE_USE, FIELD, PARAMETER})
    @Retention(RUNTIME)
    public @interface Name {
        String message() default "must be 1 to 200 characters without control characters";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A list of URIs ({@link RedirectUri} each): at most 10. */
    @Size(max = 10)
    @ReportAsSingleViolation
    @Constraint(validatedBy = {})
    @Target({TYPE_USE, FIELD, PARAMETER})
    @Retention(RUNTIME)
    public @interface Uris {
        String message() default "may have at most 10 entries";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** One of {@code grant_types}. */
    @Pattern(regexp = AUTHORIZATION_CODE + "|" + REFRESH_TOKEN + "|" + CLIENT_CREDENTIALS)
    @ReportAsSingleViolation
    @Constraint(validatedBy = {})
    @Target({TYPE_USE, FIELD, PARAMETER})
    @Retention(RUNTIME)
    public @interface GrantType {
        String message() default "may only have authorization_code, refresh_token and client_credentials";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** {@code scope}: what the ID token and userinfo can answer. */
    @Pattern(regexp = "(openid|profile|email|roles)( (openid|profile|email|roles))*")
    @ReportAsSingleViolation
    @Constraint(validatedBy = {})
    @Target({TYPE_USE, FIELD, PARAMETER})
    @Retention(RUNTIME)
    public @interface Scope {
        String message() default "must be space-separated scopes of openid, profile, email and roles";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** {@code audience}: a name or a URI, as {@code aud} carries it. */
    @Pattern(regexp = "[\\x21-\\x7e]{1,256}")
    @ReportAsSingleViolation
    @Constraint(validatedBy = {})
    @Target({TYPE_USE, FIELD, PARAMETER})
    @Retention(RUNTIME)
    public @interface Audience {
        String message() default "must be 1 to 256 printable ASCII characters without spaces";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    private ClientMetadata() {}

    /**
     * What makes these fields contradict each other, by the record component each rule is about;
     * empty if nothing does. RFC 7591 §2.1 leaves it to the server to keep them consistent; a
     * registration and a change ({@link ServiceClients#update}) are both held to these rules by
     * {@link ConsistentClient}.
     */
    static Map<String, String> contradictions(Set<String> grantTypes, List<String> redirectUris, String authMethod) {
        Map<String, String> broken = new LinkedHashMap<>();
        boolean code = grantTypes.contains(AUTHORIZATION_CODE);
        if (grantTypes.isEmpty()) {
            broken.put("grantTypes", "must name at least one grant type");
        } else if (grantTypes.contains(REFRESH_TOKEN) && !code) {
            broken.put("grantTypes", "may have refresh_token only with authorization_code");
        }
        if (code && redirectUris.isEmpty()) {
            broken.put("redirectUris", "is required for the authorization_code grant");
        } else if (!code && !redirectUris.isEmpty()) {
            broken.put("redirectUris", "is only for the authorization_code grant");
        }
        if (NONE.equals(authMethod) && grantTypes.contains(CLIENT_CREDENTIALS)) {
            broken.put("tokenEndpointAuthMethod", "may be none only for clients without client_credentials");
        }
        return broken;
    }
}
