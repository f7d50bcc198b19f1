package run.vendo.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Reads each response body in full, up to a limit, inside HttpClient's retry scope: a connection
 * that drops mid-body is then a retried network error like any other, and the pooled connection
 * is back in the pool (or closed) before the caller looks at the answer. A call may raise the
 * limit with {@link #allow(HttpContext, int)}.
 */
public final class ResponseBuffering implements ExecChainHandler {

    /** Context attribute: this call's limit, an {@link Integer}, instead of the client's. */
    private static final String LIMIT = "run.vendo.max-body-bytes";

    private final int maxBytes;

    ResponseBuffering(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Sets the largest body one call accepts, for answers that are larger by nature than Vendo's own. */
    static void allow(HttpContext call, int maxBytes) {
        call.setAttribute(LIMIT, maxBytes);
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        ClassicHttpResponse response = chain.proceed(request, scope);
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return response;
        }
        try {
            Object limit = scope.clientContext.getAttribute(LIMIT);
            byte[] body = readLimited(entity, limit instanceof Integer callLimit ? callLimit : maxBytes);
            String type = entity.getContentType();
            response.setEntity(new ByteArrayEntity(body, type == null ? null : ContentType.parseLenient(type)));
            return response;
        } catch (IOException | RuntimeException e) {
            // Drop the connection as it is: closing the stream would first drain what is left.
            scope.execRuntime.discardEndpoint();
            throw e;
        }
    }

    private static byte[] readLimited(HttpEntity entity, int maxBytes) throws IOException {
        long declared = entity.getContentLength();
        if (declared > maxBytes) {
            throw new ResponseTooLargeException(maxBytes);
        }
        InputStream in = entity.getContent();
        if (in == null) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (out.size() + n > maxBytes) {
                throw new ResponseTooLargeException(maxBytes);
            }
            out.write(buffer, 0, n);
        }
        in.close(); // at end of stream: hands the connection back to the pool
        return out.toByteArray();
    }
}
