package example.sso;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keycard as this application sees it: found from the issuer of the ID token Liberty validated, through
 * the issuer's discovery document, so the application needs no URL of its own.
 */
final class Keycard {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, JsonObject> DISCOVERY = new ConcurrentHashMap<>();

    private Keycard() {}

    /** The claims of a JWT, read without checking it: only for tokens Liberty has already validated. */
    static JsonObject claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not a JWT");
        }
        return parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    /** The issuer's discovery document, fetched once. */
    static JsonObject discovery(String issuer) throws IOException, InterruptedException {
        JsonObject cached = DISCOVERY.get(issuer);
        if (cached != null) {
            return cached;
        }
        HttpResponse<String> response = get(issuer + "/.well-known/openid-configuration", null);
        if (response.statusCode() != 200) {
            throw new IOException("discovery answered " + response.statusCode());
        }
        JsonObject document = parse(response.body());
        DISCOVERY.put(issuer, document);
        return document;
    }

    /** GET with an optional bearer token. */
    static HttpResponse<String> get(String url, String bearerToken) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json");
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
