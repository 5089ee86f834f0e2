package dev.keycard.user;

import dev.keycard.problem.ProblemException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import dev.keycard.token.TokenIssuer;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** {@code {"username", "password", "roles": [...], "enabled": true}}, checked field by field. */
record NewUser(Username username, String password, Set<String> roles, boolean enabled,
               Map<String, String> attributes) {

    static final int MAX_ATTRIBUTES = 10;
    static final int MAX_ATTRIBUTE_LENGTH = 256;
    static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    static final Set<String> RESERVED = TokenIssuer.RESERVED_CLAIMS;

    static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    static NewUser from(JsonValue body) {
        if (body == null || body.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ProblemException.badRequest("The request body must be a JSON object.");
        }
        JsonObject object = body.asJsonObject();
        Username username = Username.parse(string(object, "username"))
                .orElseThrow(() -> ProblemException.badRequest("username: " + Username.RULE + "."));
        String password = string(object, "password");
        return new NewUser(username, password, roles(object), enabled(object), attributes(object));
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

    /**
     * {@code "attributes": {"department": "sales"}}: at most 10, names of a-z, 0-9 and '_' (up to 32,
     * starting with a letter, no reserved claim name), string values of up to 256 characters.
     */
    static Map<String, String> attributes(JsonObject object) {
        JsonValue value = object.getOrDefault("attributes", JsonValue.NULL);
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return Map.of();
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ProblemException.badRequest("attributes must be an object of names to string values.");
        }
        JsonObject attributes = value.asJsonObject();
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw ProblemException.badRequest("attributes: at most " + MAX_ATTRIBUTES + " per user.");
        }
        Map<String, String> result = new TreeMap<>();
        for (Map.Entry<String, JsonValue> entry : attributes.entrySet()) {
            String name = entry.getKey();
            if (!ATTRIBUTE_NAME.matcher(name).matches()) {
                throw ProblemException.badRequest("attributes: '" + name.substring(0, Math.min(40, name.length()))
                        + "' is not a valid name (a-z, 0-9, '_', up to 32, starting with a letter).");
            }
            if (RESERVED.contains(name)) {
                throw ProblemException.badRequest("attributes: '" + name + "' is a reserved claim name.");
            }
            if (entry.getValue().getValueType() != JsonValue.ValueType.STRING
                    || ((JsonString) entry.getValue()).getString().length() > MAX_ATTRIBUTE_LENGTH
                    || ((JsonString) entry.getValue()).getString().chars().anyMatch(Character::isISOControl)) {
                throw ProblemException.badRequest("attributes: '" + name + "' must be a string of at most "
                        + MAX_ATTRIBUTE_LENGTH + " characters without control characters.");
            }
            result.put(name, ((JsonString) entry.getValue()).getString());
        }
        return result;
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
