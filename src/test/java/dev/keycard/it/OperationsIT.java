package dev.keycard.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.junit.jupiter.api.Test;

/** What operators rely on: health probes, Prometheus metrics, and the OpenAPI document. */
class OperationsIT extends KeycardIT {

    @Test
    void readinessReportsTheDatabaseAndTheSigningKeysUp() {
        given().baseUri(base.toString())
                .get("health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("database", "signing-keys"));
    }

    @Test
    void livenessAndStartupAreUp() {
        given().baseUri(base.toString())
                .get("health/live")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"));
        given().baseUri(base.toString())
                .get("health/started")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void loginCountersAndLatencyHistogramMoveWithLogins() {
        String user = Accounts.create(base);
        double success = metric("keycard_logins_total", "outcome=\"success\"");
        double bad = metric("keycard_logins_total", "outcome=\"bad_credentials\"");
        double timed = metric("keycard_login_duration_seconds_count", "");

        Accounts.login(base, user);
        given().baseUri(base.toString())
                .header("X-Forwarded-For", "192.0.2." + (1 + (int) (Math.random() * 200)))
                .contentType(ContentType.JSON)
                .body("{\"username\":\"" + user + "\",\"password\":\"wrong-password-1\"}")
                .post("api/auth/login")
                .then()
                .statusCode(401);

        assertEquals(success + 1, metric("keycard_logins_total", "outcome=\"success\""));
        assertEquals(bad + 1, metric("keycard_logins_total", "outcome=\"bad_credentials\""));
        assertEquals(timed + 2, metric("keycard_login_duration_seconds_count", ""));
        assertTrue(prometheus().contains("keycard_login_duration_seconds_bucket{"), "no histogram buckets");
    }

    @Test
    void refreshReuseRevocationAndRejectionAreCounted() throws Exception {
        double refreshed = metric("keycard_refreshes_total", "outcome=\"success\"");
        double reuses = metric("keycard_refresh_reuse_detections_total", "");
        double sessionRevocations = metric("keycard_revocations_total", "kind=\"session\"");
        double rejected = metric("keycard_tokens_rejected_total", "reason=\"revoked_session\"");

        JsonPath first = Accounts.login(base, Accounts.create(base));
        String spent = first.getString("refresh_token");
        given().baseUri(base.toString())
                .contentType(ContentType.JSON)
                .body("{\"refresh_token\":\"" + spent + "\"}")
                .post("api/auth/refresh")
                .then()
                .statusCode(200);
        Thread.sleep(2_500); // past the test server's reuse grace
        given().baseUri(base.toString())
                .contentType(ContentType.JSON)
                .body("{\"refresh_token\":\"" + spent + "\"}")
                .post("api/auth/refresh")
                .then()
                .statusCode(401);
        given().baseUri(base.toString())
                .auth()
                .oauth2(first.getString("access_token"))
                .get("api/me")
                .then()
                .statusCode(401);

        assertEquals(refreshed + 1, metric("keycard_refreshes_total", "outcome=\"success\""));
        assertEquals(reuses + 1, metric("keycard_refresh_reuse_detections_total", ""));
        assertEquals(sessionRevocations + 1, metric("keycard_revocations_total", "kind=\"session\""));
        assertEquals(rejected + 1, metric("keycard_tokens_rejected_total", "reason=\"revoked_session\""));
    }

    @Test
    void openApiDocumentHasEveryEndpointTheBearerSchemeAndTheProblemShape() throws Exception {
        JsonPath api = given().baseUri(base.toString())
                .accept(ContentType.JSON)
                .get("openapi?format=JSON")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Map<String, Object>> paths = api.getMap("paths");
        List<String> missing = new ArrayList<>();
        for (String endpoint : endpoints()) {
            String[] methodAndPath = endpoint.split(" ", 2);
            Map<String, Object> item = paths.get(methodAndPath[1]);
            if (item == null || !item.containsKey(methodAndPath[0].toLowerCase())) {
                missing.add(endpoint);
            }
        }
        assertTrue(missing.isEmpty(), "endpoints missing from /openapi: " + missing);

        assertEquals("bearer", api.getString("components.securitySchemes.bearer.scheme"));
        assertEquals(List.of(Map.of("bearer", List.of())), api.getList("paths.'/api/me'.get.security"));
        assertTrue(api.getList("components.schemas.Problem.required").containsAll(List.of("type", "title", "status")));
        assertEquals(
                "#/components/schemas/Problem",
                api.getString(
                        "paths.'/api/auth/login'.post.responses.default.content.'application/problem+json'.schema.$ref"));
        String login = api.getString("paths.'/api/auth/login'.post.requestBody.content.'application/json'.schema.$ref");
        String schema = login.substring(login.lastIndexOf('/') + 1);
        assertTrue(api.getMap("components.schemas." + schema + ".properties")
                .keySet()
                .containsAll(List.of("username", "password")));
        String tokens =
                api.getString("paths.'/api/auth/login'.post.responses.'200'.content.'application/json'.schema.$ref");
        assertTrue(
                api.getMap("components.schemas." + tokens.substring(tokens.lastIndexOf('/') + 1) + ".properties")
                        .containsKey("access_token"),
                "token response not in snake_case as the API writes it");
    }

    @Test
    void requestSchemasAreTheRecordsWithTheirConstraintsAndTheApisFieldNames() {
        JsonPath schemas = given().baseUri(base.toString())
                .accept(ContentType.JSON)
                .get("openapi?format=JSON")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .setRootPath("components.schemas");
        String change = given().baseUri(base.toString())
                .accept(ContentType.JSON)
                .get("openapi?format=JSON")
                .jsonPath()
                .getString("paths.'/api/me/password'.post.requestBody.content.'application/json'.schema.$ref");
        String name = change.substring(change.lastIndexOf('/') + 1);
        assertEquals(List.of("current_password", "new_password"), schemas.getList(name + ".required"));
        assertEquals(256, schemas.getInt("LoginRequest.properties.username.maxLength"));
        assertEquals("[a-z][a-z0-9_-]{0,31}", schemas.getString("NewUser.properties.roles.items.pattern"));
    }

    @Test
    void openApiUiIsServed() {
        given().baseUri(base.toString())
                .get("openapi/ui/")
                .then()
                .statusCode(200)
                .body(containsString("<html"));
    }

    /** Every JAX-RS operation in the WAR's classes but the sign-in page's files, as "METHOD /path". */
    private static List<String> endpoints() throws IOException, ClassNotFoundException {
        java.nio.file.Path classes = Paths.get("target/classes");
        List<String> endpoints = new ArrayList<>();
        List<java.nio.file.Path> files;
        try (Stream<java.nio.file.Path> walk = Files.walk(classes)) {
            files = walk.filter(f ->
                            f.toString().endsWith(".class") && !f.toString().contains("$"))
                    .toList();
        }
        for (java.nio.file.Path file : files) {
            String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
            Class<?> type = Class.forName(name, false, OperationsIT.class.getClassLoader());
            Path root = type.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                for (Annotation annotation : method.getAnnotations()) {
                    HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
                    Operation operation = method.getAnnotation(Operation.class);
                    if (http != null && (operation == null || !operation.hidden())) {
                        Path sub = method.getAnnotation(Path.class);
                        String path = "/" + strip(root.value()) + (sub == null ? "" : "/" + strip(sub.value()));
                        endpoints.add(
                                http.value() + " " + path.replaceAll("/+$", "").replaceAll("\\{(\\w+):[^}]*}", "{$1}"));
                    }
                }
            }
        }
        assertTrue(endpoints.size() > 20, "found only " + endpoints);
        return endpoints;
    }

    private static String strip(String path) {
        return path.replaceAll("^/+|/+$", "");
    }

    private String prometheus() {
        return given().baseUri(base.toString())
                .get("metrics?scope=application")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    /** The sum of a Prometheus series' values over the lines whose labels contain {@code labels}. */
    private double metric(String name, String labels) {
        double sum = 0;
        boolean found = false;
        for (String line : prometheus().split("\n")) {
            if (line.startsWith(name + "{") && line.contains(labels) || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        assertTrue(found, name + " " + labels + " not in /metrics");
        return sum;
    }
}
