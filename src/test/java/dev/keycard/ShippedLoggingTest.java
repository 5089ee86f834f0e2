package dev.keycard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The shipped configuration switches on nothing that writes secrets to a log (docs/operations.md,
 * "What an operator must not switch on"); SecretsInLogsIT shows what it does switch on is safe.
 */
class ShippedLoggingTest {

    /** The element markup of a configuration file, without its comments (which may name settings). */
    private static String markup(String file) throws IOException {
        return Files.readString(Path.of(file)).replaceAll("(?s)<!--.*?-->", "");
    }

    @Test
    void serverXmlEnablesNoTraceAndNoAccessLog() throws IOException {
        String server = markup("server.xml");
        assertFalse(server.contains("traceSpecification"), "trace can print headers and bodies");
        assertFalse(server.contains("accessLogging") || server.contains("AccessLogging"), "access logs print URLs");
    }

    @Test
    void libertysSessionManagerNeverReadsTheSessionCookie() throws IOException {
        // It would log a JSESSIONID of the wrong length: a token sent under that name.
        assertTrue(markup("server.xml").contains("<httpSession cookiesEnabled=\"false\""));
    }

    @Test
    void jpaLogsNoSqlParameters() throws IOException {
        assertTrue(markup("src/main/resources/META-INF/persistence.xml")
                .contains("<property name=\"eclipselink.logging.level\" value=\"WARNING\"/>"));
    }
}
