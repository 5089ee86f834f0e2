package dev.keycard.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class DirectoryAccountsTest {

    @Test
    void theSubjectIsAStableVersion8UuidOfTheDirectoryIdAlone() {
        String subject = DirectoryAccounts.subject("MGYxZTJkM2MtNGI1YQ");
        assertEquals(subject, DirectoryAccounts.subject("MGYxZTJkM2MtNGI1YQ"));
        assertNotEquals(subject, DirectoryAccounts.subject("MGYxZTJkM2MtNGI1Yg"));
        UUID uuid = UUID.fromString(subject);
        assertEquals(8, uuid.version());
        assertEquals(2, uuid.variant());
    }
}
