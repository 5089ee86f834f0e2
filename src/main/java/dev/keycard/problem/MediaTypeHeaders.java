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
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

/**
 * Answers a request whose {@code Content-Type} or {@code Accept} is not made of media types with a
 * 400 problem, before the JAX-RS runtime sees it. RESTEasy would answer it too, but first logs a
 * warning quoting the header's value (RESTEASY002130, "Failed to parse request", with
 * "parsing MediaType string: ..."): a token pasted into the wrong header would reach messages.log.
 * A servlet filter, since RESTEasy parses these headers before any JAX-RS filter runs.
 */
@WebFilter("/*")
public class MediaTypeHeaders extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String malformed = malformed(request);
        if (malformed == null) {
            chain.doFilter(request, response);
            return;
        }
        Response problem = ProblemException.response(
                        ProblemType.INVALID_REQUEST, "The " + malformed + " header is not a valid media type.")
                .build();
        response.setStatus(problem.getStatus());
        response.setContentType(ProblemType.MEDIA_TYPE);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.getOutputStream().write(((String) problem.getEntity()).getBytes(StandardCharsets.UTF_8));
    }

    /** The name of the first header that does not parse, or null. */
    static String malformed(HttpServletRequest request) {
        for (String name : new String[] {HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT}) {
            for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements(); ) {
                if (!parses(values.nextElement(), name.equals(HttpHeaders.ACCEPT))) {
                    return name;
                }
            }
        }
        return null;
    }

    static boolean parses(String value, boolean list) {
        try {
            for (String type : list ? value.split(",") : new String[] {value}) {
                if (!list || !type.isBlank()) {
                    MediaType.valueOf(type.trim());
                }
            }
            return true;
        } catch (IllegalArgumentException notAMediaType) {
            return false; // its message quotes the value: not kept
        }
    }
}
