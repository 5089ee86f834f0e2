package dev.keycard.account;

import dev.keycard.password.AcceptablePassword;
import dev.keycard.problem.PlainText;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code {"current_password": "...", "new_password": "..."}}. */
public record PasswordChange(
        @NotNull(message = "is required") @PlainText String currentPassword,

        @NotNull(message = "is required") @PlainText @AcceptablePassword @Schema(description = AcceptablePassword.RULES)
        String newPassword) {

    @Override
    public String toString() {
        return "PasswordChange[...]";
    }
}
