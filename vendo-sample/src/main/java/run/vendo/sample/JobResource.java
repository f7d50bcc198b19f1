package run.vendo.sample;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * {@code POST /api/jobs} with {@code {"jwt": "<user JWT>", "slug": "openai"}}: runs {@link ReportJob}
 * on the server's default {@link ManagedExecutorService} and answers with its result.
 *
 * <p>The JWT travels in the body, as it would in a queued message: the job gets its user from its
 * input, not from the request (this endpoint reads no identity header).
 */
@Path("jobs")
@ApplicationScoped
public class JobResource {

    /** The provider a job uses when the request names none. */
    static final String DEFAULT_SLUG = "openai";

    @Inject
    ReportJob job;

    @Resource
    ManagedExecutorService executor;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public void submit(JobRequest request, @Suspended AsyncResponse response) {
        if (request == null || request.jwt() == null || request.jwt().isBlank()) {
            response.resume(Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", Map.of("code", "jwt_required",
                            "message", "The body needs a \"jwt\": the user's identity token.")))
                    .build());
            return;
        }
        String slug = request.slug() == null || request.slug().isBlank() ? DEFAULT_SLUG : request.slug();
        executor.supplyAsync(() -> job.run(request.jwt().trim(), slug))
                .whenComplete((result, failure) -> {
                    if (failure == null) {
                        response.resume(result);
                    } else {
                        // A VendoError reaches vendo-jakarta's exception mapper like a synchronous one.
                        response.resume(failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure);
                    }
                });
    }

    /**
     * The body of {@code POST /api/jobs}.
     *
     * @param jwt the user's identity token
     * @param slug the provider; {@value #DEFAULT_SLUG} when absent
     */
    public record JobRequest(String jwt, String slug) {
    }
}
