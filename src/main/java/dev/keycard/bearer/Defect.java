package dev.keycard.bearer;

/**
 * Why a bearer token was refused: the detail a client reads (naming the rule, never echoing the
 * token) and the label of {@code keycard_tokens_rejected_total}.
 */
enum Defect {
    EXPIRED("expired", "The access token has expired."),
    NOT_YET_VALID("not_yet_valid", "The access token is not valid yet."),
    WRONG_AUDIENCE("wrong_audience", "The access token was issued for another audience."),
    WRONG_ISSUER("wrong_issuer", "The access token was issued by another issuer."),
    BAD_SIGNATURE("bad_signature", "The access token's signature does not verify with Keycard's published keys."),
    MISSING_CLAIM("missing_claim", "The access token lacks a claim that Keycard requires."),
    MALFORMED("malformed", "The access token is malformed.");

    final String label;
    final String detail;

    Defect(String label, String detail) {
        this.label = label;
        this.detail = detail;
    }
}
