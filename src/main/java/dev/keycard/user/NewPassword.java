package dev.keycard.user;

import dev.keycard.password.AcceptablePassword;
import dev.keycard.problem.PlainText;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code {"password": "..."}}: an administrator's reset. */
public record NewPassword(
        @NotNull(message = "is required") @PlainText @AcceptablePassword @Schema(description = AcceptablePassword.RULES)
        String password) {

    @Override
    public String toString() {
        return "NewPassword[...]";
    }
}
