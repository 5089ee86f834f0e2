package dev.keycard.user;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keycard.password.TestPolicy;
import dev.keycard.problem.Requests;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules of a new user's body, as the admin API refuses them: each names its field and rule. */
class NewUserTest {

    private final Requests requests = Requests.validated(TestPolicy::validators);

    @Test
    void rolesAndEnabledHaveDefaults() {
        NewUser user = requests.read(NewUser.class, "{\"username\":\"Alice\",\"password\":\"a long enough password\"}");
        assertEquals(Set.of("user"), user.roles());
        assertEquals(true, user.enabled());
        assertEquals(Map.of(), user.attributes());
        assertEquals("alice", user.name().value());
    }

    @Test
    void aShortPasswordIsRefusedNamingTheRule() {
        assertEquals(
                "password must be at least 12 characters.",
                requests.refusal(NewUser.class, "{\"username\":\"alice\",\"password\":\"Winnie\"}"));
    }

    @Test
    void aUsernameOutsideTheRuleIsRefusedWithTheRule() {
        assertEquals(
                "username must be " + Username.RULE + ".",
                requests.refusal(NewUser.class, "{\"username\":\"-alice\",\"password\":\"a long enough password\"}"));
    }

    @Test
    void aReservedClaimCannotBeAnAttribute() {
        assertEquals(
                "attributes may not use a reserved claim name.",
                requests.refusal(
                        NewUser.class,
                        "{\"username\":\"alice\",\"password\":\"a long enough password\",\"attributes\":{\"groups\":\"admin\"}}"));
    }

    @Test
    void aRoleOutsideTheRuleIsRefused() {
        assertEquals(
                "roles must each be 1 to 32 characters of a-z, 0-9, '_' or '-', starting with a letter.",
                requests.refusal(
                        NewUser.class,
                        "{\"username\":\"alice\",\"password\":\"a long enough password\",\"roles\":[\"Admin\"]}"));
    }

    @Test
    void rolesMustBeStrings() {
        assertEquals(
                "roles must be an array of strings.",
                requests.refusal(
                        NewUser.class,
                        "{\"username\":\"alice\",\"password\":\"a long enough password\",\"roles\":[1]}"));
    }
}
