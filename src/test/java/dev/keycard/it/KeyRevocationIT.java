package dev.keycard.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Who may revoke a signing key, on the suite's server, which signs with a configured key (the
 * TEST-ONLY file): the checks in front of the revocation, each with one thing wrong. The revocation
 * itself, on generated keys and across two nodes, is in {@link ClusterIT}.
 */
class KeyRevocationIT extends KeycardIT {

    private static String freshAdmin() {
        return TestTokens.sign(TestTokens.valid("test-admin-fresh", "admin")
                .claim("auth_time", Instant.now().getEpochSecond()));
    }

    @Test
    void revokingAKeyNeedsAFreshLogin() {
        String stale = TestTokens.sign(TestTokens.valid("test-admin-stale", "admin")
                .claim("auth_time", Instant.now().minusSeconds(11 * 60).getEpochSecond()));
        api().auth()
                .oauth2(stale)
                .post("api/admin/keys/" + TestTokens.KID + "/revoke")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"insufficient_user_authentication\""))
                .body("type", equalTo("urn:keycard:problem:fresh-login-required"));
    }

    @Test
    void revokingAKeyNeedsTheAdminRole() {
        String user = TestTokens.sign(TestTokens.valid("test-user-fresh", "user")
                .claim("auth_time", Instant.now().getEpochSecond()));
        api().auth()
                .oauth2(user)
                .post("api/admin/keys/" + TestTokens.KID + "/revoke")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:keycard:problem:forbidden"));
    }

    @Test
    void theConfiguredKeyIsWithdrawnByReplacingItsFileNotThroughTheApi() {
        api().auth()
                .oauth2(freshAdmin())
                .post("api/admin/keys/" + TestTokens.KID + "/revoke")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:keycard:problem:conflict"))
                .body("detail", containsString("keycard.keys.location"));
        api().get(".well-known/jwks.json").then().body("keys.kid", org.hamcrest.Matchers.hasItem(TestTokens.KID));
    }

    @Test
    void anUnknownKidIsNotFound() {
        api().auth()
                .oauth2(freshAdmin())
                .post("api/admin/keys/no-such-kid/revoke")
                .then()
                .statusCode(404)
                .body("type", equalTo("urn:keycard:problem:not-found"));
    }
}
