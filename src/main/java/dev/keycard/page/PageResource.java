package dev.keycard.page;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The sign-in page: plain HTML, CSS and JavaScript modules from {@code WEB-INF/page}, served as they
 * are (no build step, nothing from another origin). Served here rather than by the servlet
 * container's default servlet because the JAX-RS application owns every path under the context
 * root ({@code @ApplicationPath("/")}).
 */
@Path("/")
@RequestScoped
@PermitAll
public class PageResource {

    private static final String FOLDER = "/WEB-INF/page/";
    /** The page's files by name, with their media types; nothing else under the folder is served. */
    private static final Map<String, String> ASSETS = Map.of(
            "app.js", "text/javascript; charset=utf-8",
            "session.js", "text/javascript; charset=utf-8",
            "dom.js", "text/javascript; charset=utf-8",
            "clients.js", "text/javascript; charset=utf-8",
            "factors.js", "text/javascript; charset=utf-8",
            "passkeys.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8");

    @Context
    ServletContext servlet;

    @GET
    @Operation(hidden = true)
    public Response page() {
        return file("index.html", "text/html; charset=utf-8");
    }

    @GET
    @Path("assets/{name}")
    @Operation(hidden = true)
    public Response asset(@PathParam("name") String name) {
        String type = ASSETS.get(name);
        if (type == null) {
            throw new NotFoundException();
        }
        return file(name, type);
    }

    private Response file(String name, String type) {
        InputStream content = servlet.getResourceAsStream(FOLDER + name);
        if (content == null) {
            throw new NotFoundException();
        }
        // Revalidated on every load, so that a new release's page never mixes with old modules.
        return Response.ok(content, type)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .build();
    }
}
