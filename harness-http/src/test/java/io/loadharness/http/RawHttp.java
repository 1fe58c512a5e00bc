package io.loadharness.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client sends: any {@code Host}, any
 * header, any bytes as the body. One request per connection ({@code Connection: close}); the read
 * timeout makes a hang a failure instead of a stuck build.
 */
final class RawHttp {

    /**
     * An answer.
     *
     * @param status  the status code
     * @param headers header names in lower case, first value of each
     * @param body    the body, chunked encoding removed
     */
    record Answer(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    private RawHttp() {
    }

    /**
     * Sends the request head as given (with {@code Content-Length} of the body added unless the head has
     * one) and reads the whole answer.
     *
     * @param port    loopback port
     * @param head    request line and headers, each line without its CRLF
     * @param body    the body bytes, possibly empty
     * @param timeout read timeout; a slower answer fails the call
     */
    static Answer send(int port, String head, byte[] body, Duration timeout) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            StringBuilder request = new StringBuilder(head.strip()).append("\r\n");
            if (!head.toLowerCase(Locale.ROOT).contains("\ncontent-length:")) {
                request.append("Content-Length: ").append(body.length).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().replace("\n", "\r\n").replace("\r\r\n", "\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        int split;
        do {
            int b = in.read();
            if (b < 0 || received.size() > 64 * 1024) {
                throw new IOException("no complete answer head in " + received.size() + " bytes");
            }
            received.write(b);
            split = indexOf(received.toByteArray(), end);
        } while (split < 0);
        String[] lines = received.toString(StandardCharsets.ISO_8859_1).strip().split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.putIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        byte[] body;
        if (headers.getOrDefault("transfer-encoding", "").equalsIgnoreCase("chunked")) {
            body = dechunk(in);
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            // Bounded: an answer bigger than 4 MB is a failure in itself.
            body = in.readNBytes(4 << 20);
        }
        return new Answer(status, headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0 || line.size() > 1024) {
                throw new IOException("truncated chunked answer");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII).strip();
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int length = Integer.parseInt(line(in).split(";")[0], 16); length > 0;
             length = Integer.parseInt(line(in).split(";")[0], 16)) {
            out.write(in.readNBytes(length));
            line(in);
            if (out.size() > (4 << 20)) {
                throw new IOException("chunked answer over 4 MB");
            }
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
