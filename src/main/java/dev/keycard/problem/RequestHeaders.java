package dev.keycard.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Refuses a request whose URI or whose media-type and language headers cannot be parsed, with a
 * problem that names what is wrong, before RESTEasy sees it. RESTEasy parses them before any of
 * Keycard's code runs, and on a failure wrote a warning with a full stack trace per request and
 * answered without a body (or, for a bad {@code q} value found while matching, a 500): a log
 * flood for the price of a header. The checks are the same parsers' (the JAX-RS
 * {@link MediaType} that RESTEasy implements), and RFC 3986's and RFC 9110's rules.
 */
@WebFilter(urlPatterns = "/*")
public class RequestHeaders extends HttpFilter {

    /** A request refused here: its problem type and detail. */
    record Refusal(ProblemType type, String detail) {}

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Refusal refusal = check(request);
        if (refusal == null) {
            chain.doFilter(request, response);
            return;
        }
        Response answer =
                ProblemException.response(refusal.type(), refusal.detail()).build();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/oauth2/")) {
            answer = ProblemMapper.asOAuthError(answer);
        }
        response.setStatus(answer.getStatus());
        response.setContentType(answer.getMediaType().toString());
        answer.getStringHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                values.forEach(value -> response.addHeader(name, value));
            }
        });
        byte[] body = ((String) answer.getEntity()).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * Encoded characters that would change a path's structure once decoded: Liberty refuses them
     * too, but with an error and a stack trace in messages.log per request, so server.xml turns its
     * check off ({@code skipEncodedCharVerification}) and this one answers in its place.
     */
    private static final Pattern ENCODED_SEPARATOR = Pattern.compile("%(2[fFeE3]|5[cC])");

    static Refusal check(HttpServletRequest request) {
        if (!percentEncodedUtf8(request.getRequestURI()) || !percentEncodedUtf8(request.getQueryString())) {
            return new Refusal(
                    ProblemType.INVALID_REQUEST,
                    "The request URI must be ASCII, with other characters percent-encoded as UTF-8, and no NUL (%00).");
        }
        if (ENCODED_SEPARATOR.matcher(request.getRequestURI()).find()) {
            return new Refusal(
                    ProblemType.INVALID_REQUEST,
                    "The request path may not hold an encoded '/', '.', '#' or '\\' (%2F, %2E, %23, %5C).");
        }
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null) {
            MediaType type = mediaType(contentType);
            // RESTEasy reads a q parameter even here, while matching: a bad one was a 500.
            if (!weighted(type)) {
                return new Refusal(ProblemType.UNSUPPORTED_MEDIA_TYPE, "The Content-Type header is not a media type.");
            }
            String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
            if (charset != null && !supported(charset)) {
                return new Refusal(
                        ProblemType.UNSUPPORTED_MEDIA_TYPE,
                        "The Content-Type header names a charset that Keycard does not know; send UTF-8.");
            }
        }
        for (String accept : values(request, HttpHeaders.ACCEPT)) {
            for (String element : accept.split(",")) {
                if (!element.isBlank() && !weighted(mediaType(element.trim()))) {
                    return new Refusal(
                            ProblemType.INVALID_REQUEST,
                            "The Accept header is not a list of media types with q values from 0 to 1.");
                }
            }
        }
        for (String header : List.of(HttpHeaders.ACCEPT_LANGUAGE, HttpHeaders.CONTENT_LANGUAGE)) {
            for (String languages : values(request, header)) {
                for (String element : languages.split(",")) {
                    if (!language(element.trim())) {
                        return new Refusal(
                                ProblemType.INVALID_REQUEST,
                                "The " + header + " header is not a list of language tags with q values from 0 to 1.");
                    }
                }
            }
        }
        return null;
    }

    private static List<String> values(HttpServletRequest request, String name) {
        return request.getHeaders(name) == null ? List.of() : Collections.list(request.getHeaders(name));
    }

    private static MediaType mediaType(String text) {
        try {
            return MediaType.valueOf(text);
        } catch (IllegalArgumentException notAMediaType) {
            return null;
        }
    }

    private static boolean supported(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalCharsetNameException notAName) {
            return false;
        }
    }

    /** RFC 9110 §12.4.2: a weight is a number from 0 to 1. */
    private static boolean weighted(MediaType type) {
        return type != null && weight(type.getParameters().get("q"));
    }

    private static boolean weight(String q) {
        if (q == null) {
            return true;
        }
        try {
            float weight = Float.parseFloat(q);
            return weight >= 0 && weight <= 1;
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    /** {@code de-CH;q=0.5}: a tag of letters, digits and hyphens (or {@code *}), then parameters. */
    private static boolean language(String element) {
        if (element.isEmpty()) {
            return true;
        }
        String[] parts = element.split(";");
        if (!parts[0].trim().matches("\\*|[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,8})*")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.startsWith("q=") && !weight(parameter.substring(2))) {
                return false;
            }
        }
        return true;
    }

    /**
     * RFC 3986: printable ASCII only, and every {@code %} escape a hex pair; the escapes together
     * must decode as UTF-8, which RESTEasy requires (and reported with a warning per request). No
     * NUL either: PostgreSQL refuses it in text, so a {@code %00} in a search or a path parameter
     * failed in the database instead of being refused here.
     */
    static boolean percentEncodedUtf8(String raw) {
        if (raw == null) {
            return true;
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
            if (c == '%') {
                if (i + 2 >= raw.length()
                        || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    return false;
                }
                byte decoded = (byte) Integer.parseInt(raw.substring(i + 1, i + 3), 16);
                if (decoded == 0) {
                    return false;
                }
                bytes.put(decoded);
                i += 2;
            } else {
                bytes.put((byte) c);
            }
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes.flip());
            return true;
        } catch (CharacterCodingException notUtf8) {
            return false;
        }
    }
}
