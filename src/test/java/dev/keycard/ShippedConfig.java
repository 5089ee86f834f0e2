package dev.keycard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keycard's configuration as it ships, outside Liberty: the defaults in
 * {@code META-INF/microprofile-config.properties} and in server.xml's variables, the two places
 * where a default is declared. Unit tests build beans with it, so that they run with the shipped
 * defaults and never repeat one.
 */
public final class ShippedConfig {

    private static final Pattern VARIABLE =
            Pattern.compile("<variable\\s+name=\"([^\"]+)\"\\s+defaultValue=\"([^\"]*)\"\\s*/>");

    private ShippedConfig() {}

    /** The properties file's defaults. */
    public static Map<String, String> properties() {
        Properties properties = new Properties();
        try (InputStream in = ShippedConfig.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> defaults = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> defaults.put(name, properties.getProperty(name)));
        return defaults;
    }

    /** server.xml's {@code <variable name=... defaultValue=.../>} defaults. */
    public static Map<String, String> serverVariables() {
        try {
            Matcher variable = VARIABLE.matcher(Files.readString(Path.of("server.xml")));
            Map<String, String> defaults = new HashMap<>();
            while (variable.find()) {
                defaults.put(variable.group(1), variable.group(2));
            }
            return defaults;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every default, from both places. */
    public static Map<String, String> defaults() {
        Map<String, String> all = new HashMap<>(serverVariables());
        all.putAll(properties());
        return all;
    }

    /**
     * Sets the bean's {@code @ConfigProperty} fields as MicroProfile Config would: from
     * {@code overrides} (key, value, key, value, ...), else the shipped default, else empty.
     */
    public static <T> T configure(T bean, String... overrides) {
        Map<String, String> values = defaults();
        for (int i = 0; i < overrides.length; i += 2) {
            values.put(overrides[i], overrides[i + 1]);
        }
        for (Class<?> type = bean.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                ConfigProperty property = field.getAnnotation(ConfigProperty.class);
                if (property != null) {
                    set(bean, field, convert(field, values.get(property.name()), property.name()));
                }
            }
        }
        return bean;
    }

    private static Object convert(Field field, String value, String name) {
        if (field.getType() == Optional.class) {
            java.lang.reflect.Type argument = ((ParameterizedType) field.getGenericType()).getActualTypeArguments()[0];
            Class<?> element = argument instanceof Class<?> c ? c : List.class;
            return value == null || value.isBlank()
                    ? Optional.empty()
                    : Optional.of(element == List.class ? Arrays.asList(value.split(",")) : convert(element, value));
        }
        if (value == null) {
            throw new IllegalStateException(name + " has no default and was not given");
        }
        return convert(field.getType(), value);
    }

    private static Object convert(Class<?> type, String value) {
        if (type == int.class || type == Integer.class) {
            return Integer.valueOf(value);
        }
        if (type == boolean.class || type == Boolean.class) {
            return Boolean.valueOf(value);
        }
        if (type == Duration.class) {
            return Duration.parse(value);
        }
        return value;
    }

    private static void set(Object bean, Field field, Object value) {
        try {
            field.setAccessible(true);
            field.set(bean, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
