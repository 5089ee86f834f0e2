package dev.keycard.oauth2;

import dev.keycard.JsonFormat;
import dev.keycard.bearer.BearerTokens;
import dev.keycard.revocation.RevocationCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * RFC 7662 token introspection: the claims of a live access token that Keycard signed, not expired
 * and not revoked, with {@code "active": true}; for anything else only {@code "active": false}, so
 * that the answer tells nothing about a token that is not live. "Signed by Keycard" means what it
 * means for a bearer token: by any key Keycard publishes now, so a token signed before a rotation
 * stays active until its key is withdrawn.
 */
@ApplicationScoped
public class Introspection {

    @Inject
    BearerTokens tokens;

    @Inject
    RevocationCheck revocation;

    public JsonObject inspect(String token) {
        JsonObjectBuilder answer = JsonFormat.object();
        tokens.verified(token)
                .filter(live -> !revocation.revoked(live))
                .ifPresentOrElse(
                        live -> {
                            answer.add("active", true).add("token_type", "Bearer");
                            // The claims as signed, with their JSON types: the signature covers these bytes.
                            signedClaims(live).forEach(answer::add);
                            answer.add("username", live.getName());
                        },
                        () -> answer.add("active", false));
        return answer.build();
    }

    private static JsonObject signedClaims(JsonWebToken live) {
        String[] parts = live.getRawToken().split("\\.");
        try (JsonReader reader = JsonFormat.reader(
                new ByteArrayInputStream(Base64.getUrlDecoder().decode(parts[1])))) {
            return reader.readObject();
        }
    }
}
