package dev.keycard.oauth2;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The token endpoint's form: {@code grant_type}, and the client's credentials unless sent by HTTP Basic. */
public record TokenRequest(
        @NotBlank @Schema(description = "client_credentials")
        String grantType,

        @Schema(description = "unless sent by HTTP Basic") String clientId,
        @Schema(description = "unless sent by HTTP Basic") String clientSecret) {

    static TokenRequest from(HttpServletRequest form) {
        String grantType = form.getParameter("grant_type");
        if (grantType == null || grantType.isBlank()) {
            throw OAuthError.invalidRequest("grant_type is required.");
        }
        return new TokenRequest(grantType, form.getParameter("client_id"), form.getParameter("client_secret"));
    }

    @Override
    public String toString() {
        return "TokenRequest[grantType=" + grantType + ", clientId=" + clientId + "]";
    }
}
