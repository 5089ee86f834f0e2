package dev.keycard.user;

import dev.keycard.problem.ProblemException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** {@code {"username", "password", "roles": [...], "enabled": true}}, checked field by field. */
record NewUser(Username username, String password, Set<String> roles, boolean enabled) {

    static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    static NewUser from(JsonValue body) {
        if (body == null || body.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ProblemException.badRequest("The request body must be a JSON object.");
        }
        JsonObject object = body.asJsonObject();
        Username username = Username.parse(string(object, "username"))
                .orElseThrow(() -> ProblemException.badRequest("username: " + Username.RULE + "."));
        String password = string(object, "password");
        String broken = PasswordRules.broken(password, "password");
        if (broken != null) {
            throw ProblemException.badRequest(broken);
        }
        return new NewUser(username, password, roles(object), enabled(object));
    }

    static Set<String> roles(JsonObject object) {
        JsonValue value = object.getOrDefault("roles", JsonValue.NULL);
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return Set.of("user");
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw ProblemException.badRequest("roles must be an array of role names.");
        }
        Set<String> roles = new TreeSet<>();
        for (JsonValue role : (JsonArray) value) {
            if (role.getValueType() != JsonValue.ValueType.STRING
                    || !ROLE.matcher(((JsonString) role).getString()).matches()) {
                throw ProblemException.badRequest("roles: each role is 1 to 32 characters of a-z, 0-9, '_' or '-', "
                        + "starting with a letter.");
            }
            roles.add(((JsonString) role).getString());
        }
        return roles;
    }

    static boolean enabled(JsonObject object) {
        JsonValue value = object.getOrDefault("enabled", JsonValue.TRUE);
        if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            throw ProblemException.badRequest("enabled must be true or false.");
        }
        return value == JsonValue.TRUE;
    }

    static String string(JsonObject object, String field) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() != JsonValue.ValueType.STRING) {
            throw ProblemException.badRequest(field + " is required and must be a string.");
        }
        return ((JsonString) value).getString();
    }

    @Override
    public String toString() {
        return "NewUser[username=" + username + ", roles=" + roles + "]";
    }
}
