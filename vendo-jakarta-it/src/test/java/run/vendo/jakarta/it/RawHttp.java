package run.vendo.jakarta.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for header values that ordinary clients refuse to send (CR, LF,
 * NUL, non-ASCII bytes, oversized): one request per connection ({@code Connection: close}), the
 * answer read to the end. Nothing is ever printed from a request.
 */
final class RawHttp {

    /** An answer; status -1 when the server closed (or reset) the connection without one. */
    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    /**
     * {@code GET base + path} with each {@code (name, value bytes)} pair as one header line, written as
     * given after {@code Host} and {@code Connection: close}.
     */
    static Answer get(URL base, String path, List<Map.Entry<String, byte[]>> headers) {
        String target = base.getPath() + path;
        int port = base.getPort() < 0 ? 80 : base.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), port), 10_000);
            socket.setSoTimeout(20_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("GET " + target + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + port
                    + "\r\nConnection: close\r\nAccept: application/json\r\n").getBytes(StandardCharsets.US_ASCII));
            for (Map.Entry<String, byte[]> header : headers) {
                request.writeBytes((header.getKey() + ": ").getBytes(StandardCharsets.US_ASCII));
                request.writeBytes(header.getValue());
                request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request.toByteArray());
                out.flush();
            } catch (IOException closedWhileWriting) {
                // A server may answer and close before it read a huge request: read what it sent.
            }
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            return new Answer(-1, Map.of(), e.getClass().getSimpleName());
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
            }
        } catch (IOException reset) {
            if (out.size() == 0) {
                throw reset;
            }
        }
        return out.toByteArray();
    }

    private static Answer parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/") || end < 0) {
            return new Answer(-1, Map.of(), "no complete answer (" + bytes.length + " bytes)");
        }
        String[] lines = text.substring(0, end).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        return new Answer(Integer.parseInt(statusLine[1]), headers, text.substring(end + 4));
    }
}
