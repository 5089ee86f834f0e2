package dev.keycard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README.md shows configuration that is tested elsewhere: it must be that configuration. */
class ReadmeTest {

    @Test
    void theOpenIdConnectClientInTheReadmeIsTheOneSsoAppItRuns() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String example = Files.readString(Path.of("examples/sso-app/server.xml"));
        int start = readme.indexOf("```xml\n<openidConnectClient");
        assertTrue(start >= 0, "README.md shows the openidConnectClient element");
        List<String> lines = readme.substring(start + 7, readme.indexOf("```", start + 7))
                .lines()
                .map(String::strip)
                .map(line -> line.endsWith("/>") ? line.substring(0, line.length() - 2) : line)
                .filter(line -> !line.isEmpty())
                .toList();
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            assertTrue(example.contains(line), "examples/sso-app/server.xml has: " + line);
        }
    }
}
