package run.vendo.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import run.vendo.Vendo;

/**
 * A background job acting for a user. It runs outside any HTTP request (on a managed executor here;
 * a message listener or a timer in a real application), so it cannot use {@code @VendoUser Vendo}:
 * it injects the deployment's {@code Vendo} and binds it to the user whose JWT came with the job.
 */
@ApplicationScoped
public class ReportJob {

    @Inject
    Vendo vendo;

    /**
     * Runs the job for one user.
     *
     * @param userJwt the user's identity token, carried by the job's input
     * @param slug the provider the job needs
     * @return what the job did
     */
    public Result run(String userJwt, String slug) {
        Vendo user = vendo.forUser(userJwt);
        String token = user.token(slug);
        // A real job USES the token (e.g. calls the provider's API and stores a report); it returns
        // it here only so that the demo shows which token it got.
        return new Result(UUID.randomUUID().toString(), slug, token);
    }

    /**
     * The outcome of a job.
     *
     * @param job the job's id
     * @param slug the provider
     * @param token the user's access token for it
     */
    public record Result(String job, String slug, String token) {
    }
}
