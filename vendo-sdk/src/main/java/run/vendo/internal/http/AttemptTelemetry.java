package run.vendo.internal.http;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.protocol.HttpContext;
import run.vendo.VendoHeaders;
import run.vendo.internal.telemetry.Telemetry;

/**
 * One CLIENT span per HTTP attempt, inside HttpClient's retry scope: each attempt of a call is its
 * own span, a child of the operation's, and carries the trace context to Vendo. An error code is
 * recorded only as {@link ErrorMapper#validCode} lets it through.
 */
final class AttemptTelemetry implements ExecChainHandler {

    /** Context attribute: the attempts of this call so far, an {@link Integer}. */
    private static final String ATTEMPTS = "run.vendo.attempts";

    private final Telemetry telemetry;

    AttemptTelemetry(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        Telemetry.Attempt attempt =
                telemetry.attempt(request.getMethod(), uri(request), resendCount(scope.clientContext));
        attempt.inject(request::setHeader);
        ClassicHttpResponse response;
        try {
            response = chain.proceed(request, scope);
        } catch (IOException | HttpException | RuntimeException | Error e) {
            attempt.failed(e);
            throw e;
        }
        Header code = response.getFirstHeader(VendoHeaders.ERROR_CODE);
        attempt.answered(response.getCode(), code == null ? null : ErrorMapper.validCode(code.getValue(),
                secrets(request)));
        return response;
    }

    private static int resendCount(HttpContext call) {
        int before = call.getAttribute(ATTEMPTS) instanceof Integer n ? n : 0;
        call.setAttribute(ATTEMPTS, before + 1);
        return before;
    }

    private static URI uri(ClassicHttpRequest request) {
        try {
            return request.getUri();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("unparsable request URI", e);
        }
    }

    /** The App Key and user token this request carries, which a recorded code must not contain. */
    private static List<String> secrets(ClassicHttpRequest request) {
        List<String> secrets = new ArrayList<>(2);
        Header authorization = request.getFirstHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            String value = authorization.getValue();
            secrets.add(value.startsWith("Bearer ") ? value.substring("Bearer ".length()) : value);
        }
        Header jwt = request.getFirstHeader(VendoHeaders.USER_JWT);
        if (jwt != null) {
            secrets.add(jwt.getValue());
        }
        return secrets;
    }
}
