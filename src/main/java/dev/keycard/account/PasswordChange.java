package dev.keycard.account;

import dev.keycard.password.AcceptablePassword;
import jakarta.validation.constraints.NotNull;

/** {@code {"current_password": "...", "new_password": "..."}}. */
public record PasswordChange(
        @NotNull(message = "is required") String currentPassword,

        @NotNull(message = "is required") @AcceptablePassword
        String newPassword) {

    @Override
    public String toString() {
        return "PasswordChange[...]";
    }
}
