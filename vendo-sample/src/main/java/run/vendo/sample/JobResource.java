package run.vendo.sample;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.Map;
import java.util.concurrent.CompletionException;
import run.vendo.VendoHeaders;
import run.vendo.jakarta.VendoTokenVerifier;
import run.vendo.jakarta.VendoUserContext;
import run.vendo.jakarta.VerifiedIdentity;

/**
 * {@code POST /api/jobs} with {@code {"jwt": "<user JWT>", "slug": "openai"}}: runs {@link ReportJob}
 * on the server's default {@link ManagedExecutorService} and answers with its result.
 *
 * <p>The JWT travels in the body, as it would in a queued message: the job gets its user from its
 * input. A token is verified where it enters the application, so this resource verifies the body's
 * JWT with {@link VendoTokenVerifier} (the identity filter's own rules and keys) before queuing the
 * job, and refuses a JWT of another user than the request's own when the request carries one.
 */
@Path("jobs")
@ApplicationScoped
public class JobResource {

    /** The provider a job uses when the request names none. */
    static final String DEFAULT_SLUG = "openai";

    /** Far more than a job request needs: a JWT is at most 4 KB. */
    static final int MAX_BODY_CHARS = 16 * 1024;

    @Inject
    ReportJob job;

    @Inject
    VendoTokenVerifier verifier;

    @Inject
    VendoUserContext requester;

    @Resource
    ManagedExecutorService executor;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public void submit(String body, @Suspended AsyncResponse response) {
        JsonObject request = parse(body);
        if (request == null) {
            response.resume(error(Response.Status.BAD_REQUEST, "body_invalid",
                    "The body must be a JSON object: {\"jwt\": \"<user JWT>\", \"slug\": \"openai\"}."));
            return;
        }
        String jwt = text(request, "jwt");
        if (jwt == null || jwt.isBlank()) {
            response.resume(error(Response.Status.BAD_REQUEST, "jwt_required",
                    "The body needs a \"jwt\" string: the user's identity token."));
            return;
        }
        String slug = text(request, "slug");
        if (request.containsKey("slug") && (slug == null || slug.isBlank())) {
            response.resume(error(Response.Status.BAD_REQUEST, "body_invalid", "\"slug\" must be a provider slug."));
            return;
        }
        if (verifier.isEnabled()) {
            // AuthError (401) for a forged, expired or malformed token, via vendo-jakarta's mapper.
            VerifiedIdentity owner = verifier.verify(jwt);
            String caller = requester.userId().orElse(null);
            if (caller != null && !caller.equals(owner.userId())) {
                response.resume(error(Response.Status.FORBIDDEN, "job_for_another_user",
                        "The body's JWT belongs to another user than the request's own."));
                return;
            }
        }
        String provider = slug == null ? DEFAULT_SLUG : slug;
        executor.supplyAsync(() -> job.run(jwt.strip(), provider))
                .whenComplete((result, failure) -> {
                    if (failure == null) {
                        response.resume(Response.ok(result, MediaType.APPLICATION_JSON_TYPE).build());
                    } else {
                        // A VendoError reaches vendo-jakarta's exception mapper like a synchronous one.
                        response.resume(failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure);
                    }
                });
    }

    /** The body as a JSON object, or {@code null} when it is anything else (truncated, an array, a BOM, too big). */
    private static JsonObject parse(String body) {
        if (body == null || body.length() > MAX_BODY_CHARS) {
            return null;
        }
        try (var reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject object ? object : null;
        } catch (RuntimeException e) {
            // Not only JsonParsingException: JSON-P implementations signal nesting limits with their own.
            return null;
        }
    }

    private static String text(JsonObject object, String name) {
        return object.get(name) instanceof JsonString s ? s.getString() : null;
    }

    private static Response error(Response.Status status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .header(VendoHeaders.ERROR_CODE, code)
                .entity(Map.of("error", Map.of("code", code, "message", message)))
                .build();
    }
}
