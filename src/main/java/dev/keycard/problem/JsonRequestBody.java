package dev.keycard.problem;

import dev.keycard.JsonFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.stream.JsonParser;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a JSON request body into the record a resource method takes, and validates it: every
 * request body of Keycard's is such a record, so no resource can forget to check one.
 * <ul>
 *   <li>Strictly: each member must have the JSON type of its record component, so a number is
 *       never taken for a string and {@code "yes"} never for {@code false} (JSON-B would coerce
 *       both), and a member of the wrong type gets a 400 that names it.
 *   <li>Members are named as the API writes them (snake_case, as {@link JsonFormat}); members the
 *       record does not have are ignored; a missing member or a JSON {@code null} is a Java
 *       {@code null}.
 *   <li>Then the record's Bean Validation constraints, which the OpenAPI document, generated from
 *       the same records, shows: a violation is a 400 naming each field ({@link InvalidFields}).
 *       Validated here rather than through {@code @Valid} on the resource method, which went
 *       through two layers of interceptors on every request for the same check.
 * </ul>
 * Component types: {@code String}, {@code Boolean}, {@code Set<String>}, {@code List<String>},
 * {@code Map<String, String>} and {@code JsonObject} (a document Keycard hands on as it came, such
 * as a passkey's response, which its own verifier parses): what Keycard's requests need, and no
 * more.
 */
@Provider
@ApplicationScoped
@Consumes(MediaType.APPLICATION_JSON)
public class JsonRequestBody implements MessageBodyReader<Record> {

    /** How to build each record type, worked out once. */
    private static final ClassValue<Binding> BINDINGS = new ClassValue<>() {
        @Override
        protected Binding computeValue(Class<?> type) {
            return Binding.of(type);
        }
    };

    /**
     * Keycard's requests nest two levels (an object of arrays or of objects of strings); 32 leaves
     * room for any future request and refuses what only an attack sends.
     */
    static final int MAX_DEPTH = 32;

    @Inject
    Validator validator;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord() && type.getPackageName().startsWith("dev.keycard");
    }

    @Override
    public Record readFrom(
            Class<Record> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> headers,
            InputStream body)
            throws IOException {
        if (mediaType.isWildcardType() || mediaType.isWildcardSubtype()) {
            throw new ProblemException(
                    ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the request body as application/json.");
        }
        String charset = mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase("UTF-8")) {
            // RFC 8259 §8.1: JSON between systems is UTF-8. Reading it as UTF-8 anyway would take
            // another charset's bytes for other characters than the client meant.
            throw new ProblemException(
                    ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the JSON request body in UTF-8 (charset=UTF-8 or none).");
        }
        JsonValue json = parse(utf8(body));
        if (json.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ProblemException.badRequest("The request body must be a JSON object.");
        }
        Record request = bind(type, json.asJsonObject());
        Set<ConstraintViolation<Record>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request;
    }

    /**
     * Strictly UTF-8: the parser's own decoding would turn invalid bytes into U+FFFD and go on,
     * storing text the client never sent. The stream is already capped ({@link RequestBodyLimit}).
     */
    private static String utf8(InputStream body) throws IOException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body.readAllBytes()))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            throw ProblemException.badRequest("The request body is not valid UTF-8.");
        }
    }

    /**
     * One complete JSON document, nested at most {@link #MAX_DEPTH} deep. The depth is counted on
     * the parser's events before any tree is built: the parser's own limit (1000 in Parsson)
     * threw an exception that was no JSON error, so a small body nested deeply got a 500 and a
     * stack trace in the log. Walking every event also refuses anything after the document.
     */
    static JsonValue parse(String text) {
        try {
            try (JsonParser parser = JsonFormat.parser(text)) {
                int depth = 0;
                while (parser.hasNext()) {
                    JsonParser.Event event = parser.next();
                    if (event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) {
                        if (++depth > MAX_DEPTH) {
                            throw ProblemException.badRequest(
                                    "The request body is nested deeper than " + MAX_DEPTH + " levels.");
                        }
                    } else if (event == JsonParser.Event.END_OBJECT || event == JsonParser.Event.END_ARRAY) {
                        depth--;
                    }
                }
            }
            try (JsonReader reader = JsonFormat.reader(text)) {
                return reader.readValue();
            }
        } catch (JsonException | IllegalStateException | NoSuchElementException notJson) {
            throw ProblemException.badRequest("The request body is not valid JSON.");
        }
    }

    /** The record with each component taken from the member of the same (snake_case) name. */
    static <T extends Record> T bind(Class<T> type, JsonObject object) {
        Binding binding = BINDINGS.get(type);
        Object[] values = new Object[binding.names().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(binding.names()[i], object.get(binding.names()[i]), binding.types()[i]);
        }
        try {
            return type.cast(binding.constructor().newInstance(values));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException refused) {
                throw refused;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create " + type.getSimpleName(), e);
        }
    }

    /** A record's canonical constructor, and its components' JSON names and types. */
    private record Binding(Constructor<?> constructor, String[] names, Type[] types) {
        static Binding of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            String[] names = new String[components.length];
            Type[] types = new Type[components.length];
            Class<?>[] raw = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                names[i] = memberName(components[i]);
                types[i] = components[i].getGenericType();
                raw[i] = components[i].getType();
            }
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(raw);
                constructor.setAccessible(true);
                return new Binding(constructor, names, types);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("Cannot create " + type.getSimpleName(), e);
            }
        }
    }

    /** The JSON member's name: {@code @JsonbProperty}'s, or the component's in snake_case. */
    static String memberName(RecordComponent component) {
        JsonbProperty named = component.getAnnotation(JsonbProperty.class);
        if (named == null && component.getAccessor() != null) {
            named = component.getAccessor().getAnnotation(JsonbProperty.class);
        }
        return named != null && !named.value().isEmpty() ? named.value() : snakeCase(component.getName());
    }

    /** {@code currentPassword} to {@code current_password}, as JSON-B's LOWER_CASE_WITH_UNDERSCORES. */
    public static String snakeCase(String javaName) {
        StringBuilder name = new StringBuilder(javaName.length() + 4);
        for (int i = 0; i < javaName.length(); i++) {
            char c = javaName.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    name.append('_');
                }
                name.append(Character.toLowerCase(c));
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }

    private static Object value(String name, JsonValue value, Type type) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (type == String.class) {
            return string(value, name, name + " must be a string.");
        }
        if (type == Boolean.class) {
            if (value.getValueType() != JsonValue.ValueType.TRUE && value.getValueType() != JsonValue.ValueType.FALSE) {
                throw ProblemException.badRequest(name + " must be true or false.");
            }
            return value.getValueType() == JsonValue.ValueType.TRUE;
        }
        if (type == JsonObject.class) {
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ProblemException.badRequest(name + " must be an object.");
            }
            return value.asJsonObject();
        }
        if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw) {
            if ((raw == Set.class || raw == List.class) && generic.getActualTypeArguments()[0] == String.class) {
                String rule = name + " must be an array of strings.";
                if (value.getValueType() != JsonValue.ValueType.ARRAY) {
                    throw ProblemException.badRequest(rule);
                }
                List<String> strings = new ArrayList<>();
                for (JsonValue element : (JsonArray) value) {
                    strings.add(string(element, name, rule));
                }
                return raw == Set.class ? new LinkedHashSet<>(strings) : strings;
            }
            if (raw == Map.class && generic.getActualTypeArguments()[1] == String.class) {
                String rule = name + " must be an object of names to strings.";
                if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                    throw ProblemException.badRequest(rule);
                }
                Map<String, String> strings = new TreeMap<>();
                value.asJsonObject().forEach((key, element) -> {
                    storable(key, name);
                    strings.put(key, string(element, name, rule));
                });
                return strings;
            }
        }
        throw new IllegalStateException("A request record may not have a component of type " + type);
    }

    private static String string(JsonValue value, String name, String rule) {
        if (!(value instanceof JsonString string)) {
            throw ProblemException.badRequest(rule);
        }
        return storable(string.getString(), name);
    }

    /**
     * No member of any request may hold a NUL (PostgreSQL's text refuses it: a 500 on insert) or
     * an unpaired surrogate (UTF-8 cannot encode it; it would be stored as {@code ?}). JSON lets
     * both through as escapes ({@code \u0000}, {@code \ud800}).
     */
    private static String storable(String text, String name) {
        if (!PlainText.Check.isStorable(text)) {
            throw ProblemException.badRequest(name + " must not contain NUL characters or unpaired surrogates.");
        }
        return text;
    }
}
