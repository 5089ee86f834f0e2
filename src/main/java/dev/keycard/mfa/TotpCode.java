package dev.keycard.mfa;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code {"code": "123456"}}: a code from the authenticator app being set up. */
public record TotpCode(
        @NotNull(message = "is required") @Pattern(regexp = "\\d{6}", message = "must be the 6 digits the app shows")
        String code) {}
