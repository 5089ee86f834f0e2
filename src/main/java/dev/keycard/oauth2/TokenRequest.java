package dev.keycard.oauth2;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The token endpoint's form: {@code grant_type}, what that grant needs, and the client's
 * credentials unless sent by HTTP Basic (a public client sends {@code client_id} alone).
 */
public record TokenRequest(
        @NotBlank @Schema(description = "authorization_code, refresh_token or client_credentials")
        String grantType,

        @Schema(description = "authorization_code: the code")
        String code,

        @Schema(description = "authorization_code: the redirect_uri of the authorization request")
        String redirectUri,

        @Schema(description = "authorization_code: the PKCE verifier (RFC 7636)")
        String codeVerifier,

        @Schema(description = "refresh_token: the refresh token")
        String refreshToken,

        @Schema(description = "unless sent by HTTP Basic") String clientId,

        @Schema(description = "unless sent by HTTP Basic; none for a public client")
        String clientSecret) {

    static TokenRequest from(HttpServletRequest form) {
        String grantType = single(form, "grant_type");
        if (grantType == null || grantType.isBlank()) {
            throw OAuthError.invalidRequest("grant_type is required.");
        }
        return new TokenRequest(
                grantType,
                single(form, "code"),
                single(form, "redirect_uri"),
                single(form, "code_verifier"),
                single(form, "refresh_token"),
                single(form, "client_id"),
                single(form, "client_secret"));
    }

    /** A field's value; sent twice, the request is refused (RFC 6749 §3.2: parameters appear once). */
    private static String single(HttpServletRequest form, String name) {
        String[] values = form.getParameterValues(name);
        if (values == null || values.length == 0 || values[0].isEmpty()) {
            return null;
        }
        if (values.length > 1) {
            throw OAuthError.invalidRequest(name + " is given more than once.");
        }
        return values[0];
    }

    /** The field, or the RFC 6749 error that names it. */
    String required(String name, String value) {
        if (value == null) {
            throw OAuthError.invalidRequest(name + " is required for grant_type=" + grantType + ".");
        }
        return value;
    }

    @Override
    public String toString() {
        return "TokenRequest[grantType=" + grantType + ", clientId=" + clientId + "]";
    }
}
