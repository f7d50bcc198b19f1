package run.vendo.jakarta.it.hc5;

import java.io.IOException;
import java.net.URI;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * Library code, packed into its own jar under {@code WEB-INF/lib}, that does what vendo-sdk does:
 * build a pooled Apache HttpClient 5 and send a request. Opening the connection runs HttpClient's
 * socket set-up, which reaches {@code jdk.net.Sockets} / {@code jdk.net.ExtendedSocketOptions}.
 */
public final class LoopbackCall {

    private LoopbackCall() {
    }

    /** {@code GET uri}, answered as {@code "<status> <body>"}. */
    public static String get(URI uri) throws IOException {
        SocketConfig socketConfig = SocketConfig.custom()
                .setSoTimeout(Timeout.ofSeconds(10))
                .setSoKeepAlive(true)
                .build();
        try (CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultSocketConfig(socketConfig)
                        .build())
                .build()) {
            return client.execute(new HttpGet(uri),
                    response -> response.getCode() + " " + EntityUtils.toString(response.getEntity()));
        }
    }
}
