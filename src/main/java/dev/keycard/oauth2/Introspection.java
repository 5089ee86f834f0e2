package dev.keycard.oauth2;

import dev.keycard.JsonFormat;
import dev.keycard.revocation.RevocationList;
import dev.keycard.token.TokenIssuer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Collection;
import java.util.Map;

/**
 * RFC 7662 token introspection: the claims of a live access token that Keycard signed, not expired
 * and not revoked, with {@code "active": true}; for anything else only {@code "active": false}, so
 * that the answer tells nothing about a token that is not live.
 */
@ApplicationScoped
public class Introspection {

    @Inject
    TokenIssuer issuer;

    @Inject
    RevocationList revocations;

    public JsonObject inspect(String token) {
        JsonObjectBuilder answer = JsonFormat.object();
        issuer.verify(token)
                .filter(this::notRevoked)
                .ifPresentOrElse(
                        verified -> {
                            answer.add("active", true).add("token_type", "Bearer");
                            verified.claims().forEach((name, value) -> add(answer, name, value));
                            Object upn = verified.claims().get("upn");
                            if (upn != null) {
                                answer.add("username", upn.toString());
                            }
                        },
                        () -> answer.add("active", false));
        return answer.build();
    }

    private boolean notRevoked(TokenIssuer.Verified verified) {
        Map<String, Object> claims = verified.claims();
        Object iat = claims.get("iat");
        return !revocations.isRevoked(
                verified.jti(),
                (String) claims.get("sid"),
                (String) claims.get("sub"),
                iat instanceof Number number ? number.longValue() : 0);
    }

    private static void add(JsonObjectBuilder json, String name, Object value) {
        if (value instanceof Number number) {
            json.add(name, number.longValue());
        } else if (value instanceof Collection<?> values) {
            JsonArrayBuilder array = JsonFormat.array();
            values.forEach(v -> array.add(String.valueOf(v)));
            json.add(name, array);
        } else if (value != null) {
            json.add(name, value.toString());
        }
    }
}
