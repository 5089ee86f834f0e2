package dev.keycard;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.io.InputStream;
import java.io.StringReader;

/**
 * snake_case JSON everywhere, as OAuth 2.0 responses require ({@code access_token}, {@code expires_in}),
 * so records keep Java names. Instants are written as ISO-8601 in UTC.
 * <p>
 * Hand-built JSON (problem details, OAuth errors, audit lines) comes from {@link #object()} and
 * {@link #array()}, and request bodies are parsed by {@link #reader}: {@code Json.createObjectBuilder()} looks the JSON-P provider up through the
 * ServiceLoader on every call, which was 2 % of a login's CPU for its one audit line.
 */
@Provider
public class JsonFormat implements ContextResolver<Jsonb> {

    private static final JsonProvider JSON_P = JsonProvider.provider();

    private final Jsonb jsonb = JsonbBuilder.create(
            new JsonbConfig().withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES));

    @Override
    public Jsonb getContext(Class<?> type) {
        return jsonb;
    }

    public static JsonObjectBuilder object() {
        return JSON_P.createObjectBuilder();
    }

    /** An array of strings. */
    public static JsonArrayBuilder array(java.util.Collection<String> values) {
        JsonArrayBuilder array = array();
        values.forEach(array::add);
        return array;
    }

    public static JsonArrayBuilder array() {
        return JSON_P.createArrayBuilder();
    }

    public static JsonReader reader(InputStream json) {
        return JSON_P.createReader(json);
    }

    public static JsonReader reader(String json) {
        return JSON_P.createReader(new StringReader(json));
    }

    public static JsonParser parser(String json) {
        return JSON_P.createParser(new StringReader(json));
    }
}
