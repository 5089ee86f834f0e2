package dev.keycard.user;

import dev.keycard.password.AcceptablePassword;
import jakarta.validation.constraints.NotNull;

/** {@code {"password": "..."}}: an administrator's reset. */
public record NewPassword(
        @NotNull(message = "is required") @AcceptablePassword
        String password) {

    @Override
    public String toString() {
        return "NewPassword[...]";
    }
}
