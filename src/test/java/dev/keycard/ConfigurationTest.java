package dev.keycard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Each setting and its default is declared once (META-INF/microprofile-config.properties or a
 * server.xml variable), never in the code, and docs/configuration.md says exactly that.
 */
class ConfigurationTest {

    private static final Pattern ROW =
            Pattern.compile("^\\| `([a-z][a-z0-9._-]*)` \\| `([A-Za-z0-9_]+)` \\| ([^|]*) \\|", Pattern.MULTILINE);

    /** Every {@code @ConfigProperty} field of Keycard's classes. */
    private static List<Field> configFields() throws IOException {
        Path classes = Path.of("target/classes");
        List<Field> fields = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes.resolve("dev/keycard"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name =
                        classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    for (Field field : Class.forName(name, false, ConfigurationTest.class.getClassLoader())
                            .getDeclaredFields()) {
                        if (field.isAnnotationPresent(ConfigProperty.class)) {
                            fields.add(field);
                        }
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new AssertionError("cannot inspect " + name, e);
                }
            }
        }
        return fields;
    }

    private static Map<String, String> documented() throws IOException {
        Matcher row = ROW.matcher(Files.readString(Path.of("docs/configuration.md")));
        Map<String, String> rows = new HashMap<>();
        while (row.find()) {
            rows.put(row.group(1), row.group(3).trim());
            assertEquals(
                    row.group(1).toUpperCase().replaceAll("[.-]", "_"),
                    row.group(2).toUpperCase(),
                    "environment variable of " + row.group(1));
        }
        return rows;
    }

    @Test
    void noDefaultIsDeclaredInTheCodeAndEveryRequiredSettingHasOne() throws IOException {
        Map<String, String> defaults = ShippedConfig.defaults();
        List<Field> fields = configFields();
        assertTrue(fields.size() > 30, "found only " + fields.size());
        for (Field field : fields) {
            ConfigProperty property = field.getAnnotation(ConfigProperty.class);
            String where = field.getDeclaringClass().getSimpleName() + "." + field.getName();
            assertEquals(
                    ConfigProperty.UNCONFIGURED_VALUE,
                    property.defaultValue(),
                    where + ": declare the default of " + property.name() + " in microprofile-config.properties");
            assertTrue(
                    field.getType() == Optional.class || defaults.containsKey(property.name()),
                    where + ": " + property.name() + " has no default and is not Optional");
        }
    }

    @Test
    void theConfigurationTableListsEverySettingWithItsDefault() throws IOException {
        Map<String, String> rows = documented();
        Set<String> keys = new TreeSet<>();
        for (Field field : configFields()) {
            keys.add(field.getAnnotation(ConfigProperty.class).name());
        }
        ShippedConfig.defaults().keySet().stream()
                .filter(k -> !k.startsWith("mp."))
                .forEach(keys::add);
        for (String key : keys) {
            assertTrue(rows.containsKey(key), key + " is missing from docs/configuration.md");
        }
        ShippedConfig.defaults().forEach((key, value) -> {
            String cell = rows.get(key);
            if (cell != null && cell.startsWith("`")) {
                assertEquals("`" + value + "`", cell, "the default of " + key + " in docs/configuration.md");
            }
        });
    }
}
