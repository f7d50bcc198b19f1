package run.vendo.jakarta.internal.jwt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Fetches a key set with a plain {@link HttpURLConnection}: one GET now and then needs no pool and
 * no background thread that could outlive an undeployed application.
 */
public final class HttpJwksFetcher implements JwksFetcher {

    /** The largest key set accepted. Real ones are a few KiB. */
    public static final int MAX_BYTES = 512 * 1024;

    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    /**
     * Creates a fetcher.
     *
     * @param connectTimeout the time allowed to connect
     * @param readTimeout the time allowed between bytes of the answer
     */
    public HttpJwksFetcher(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        this.readTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis());
    }

    @Override
    public String fetch(URI url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        try {
            connection.setConnectTimeout(connectTimeoutMillis);
            connection.setReadTimeout(readTimeoutMillis);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestProperty("Accept", "application/json");
            int status = connection.getResponseCode();
            if (status != 200) {
                throw new IOException("JWKS endpoint " + url + " answered HTTP " + status);
            }
            try (InputStream in = connection.getInputStream()) {
                return new String(readBounded(in, url), StandardCharsets.UTF_8);
            }
        } finally {
            connection.disconnect();
        }
    }

    private static byte[] readBounded(InputStream in, URI url) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (out.size() + n > MAX_BYTES) {
                throw new IOException("JWKS from " + url + " is larger than " + MAX_BYTES + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
