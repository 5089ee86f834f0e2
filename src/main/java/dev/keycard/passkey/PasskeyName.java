package dev.keycard.passkey;

import dev.keycard.problem.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code {"name": "work laptop"}}: a passkey's new name. */
public record PasskeyName(
        @NotBlank(message = "is required") @Size(max = 64, message = "must be at most 64 characters") @PlainText
        String name) {}
