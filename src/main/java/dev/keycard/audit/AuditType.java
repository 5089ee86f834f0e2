package dev.keycard.audit;

/** The kinds of security event Keycard records; {@link #code()} is what logs and the API show. */
public enum AuditType {
    LOGIN_SUCCESS,
    LOGIN_FAILURE,
    LOGIN_THROTTLED,
    ACCOUNT_LOCKED,
    ACCOUNT_UNLOCKED,
    REFRESH,
    REFRESH_REUSE,
    LOGOUT,
    LOGOUT_ALL,
    SESSION_ENDED,
    TOKEN_REVOKED,
    PASSWORD_CHANGED,
    PASSWORD_RESET,
    USER_CREATED,
    USER_UPDATED,
    USER_DELETED,
    CLIENT_CREATED,
    CLIENT_UPDATED,
    CLIENT_DELETED,
    CLIENT_TOKEN,
    CLIENT_AUTH_FAILURE,
    KEY_ROTATED,
    KEY_REVOKED,
    AUTHORIZATION_CODE,
    CODE_EXCHANGE,
    CODE_REUSE,
    SSO_LOGOUT,
    BACKCHANNEL_LOGOUT,
    DIRECTORY_USER_REFUSED,
    SECOND_FACTOR_ADDED,
    SECOND_FACTOR_REMOVED,
    SECOND_FACTOR_RESET,
    SECOND_FACTOR_FAILURE,
    RECOVERY_CODE_USED,
    SECOND_FACTOR_POLICY_CHANGED,
    PASSKEY_ADDED,
    PASSKEY_RENAMED,
    PASSKEY_REMOVED,
    PASSKEY_FAILURE;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static java.util.Optional<AuditType> parse(String code) {
        for (AuditType type : values()) {
            if (type.code().equals(code)) {
                return java.util.Optional.of(type);
            }
        }
        return java.util.Optional.empty();
    }
}
