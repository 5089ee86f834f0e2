package example.sso;

import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.Subject;

/**
 * The tokens Liberty's openidConnectClient got from Keycard's token endpoint for the signed-in user.
 *
 * <p>Liberty keeps the token response (access_token, id_token, refresh_token, scope, expires_in) in a
 * {@code Map} among the credentials of the caller's Subject. The supported way to read it is IBM API:
 * {@code com.ibm.websphere.security.openidconnect.PropagationHelper.getAccessToken()} (jar
 * wlp/dev/api/ibm/com.ibm.websphere.appserver.api.oidc_1.0.*.jar) or
 * {@code com.ibm.websphere.security.auth.WSSubject.getRunAsSubject()}. Both packages are visible to
 * applications at run time, so this example calls WSSubject by reflection and compiles against the
 * Jakarta EE API alone.
 */
record SignedInTokens(String accessToken, String idToken) {

    /** The current caller's tokens, or empty when the caller did not sign in through Keycard. */
    static Optional<SignedInTokens> current() {
        Subject subject;
        try {
            subject = (Subject) Class.forName("com.ibm.websphere.security.auth.WSSubject")
                    .getMethod("getRunAsSubject")
                    .invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Needs Open Liberty with the openidConnectClient-1.0 feature", e);
        }
        if (subject == null) {
            return Optional.empty();
        }
        var credentials = new ArrayList<Object>(subject.getPrivateCredentials());
        credentials.addAll(subject.getPublicCredentials());
        for (Object credential : credentials) {
            if (credential instanceof Map<?, ?> map && map.get("access_token") instanceof String accessToken) {
                String idToken = map.get("id_token") instanceof String value ? value : null;
                return Optional.of(new SignedInTokens(accessToken, idToken));
            }
        }
        return Optional.empty();
    }
}
