package io.loadharness.benchmarks.compare;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 request on a new connection to 127.0.0.1, read to the end: how a kubelet probes
 * health, with nothing between the measurement and the socket.
 */
final class RawHttp {

    private RawHttp() {
    }

    /**
     * An answer.
     *
     * @param status the status code
     * @param body   the body
     */
    record Answer(int status, String body) {
    }

    /**
     * @param port      the server's port on 127.0.0.1
     * @param method    GET, POST or DELETE
     * @param path      the path
     * @param json      a JSON body, or null
     * @param timeoutMs connect and read timeout
     * @return the answer
     * @throws IOException if the connection fails or times out
     */
    static Answer request(int port, String method, String path, String json, int timeoutMs) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n"
                    + (json == null ? "" : "Content-Type: application/json\r\n")
                    + "Content-Length: " + body.length + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            // Read by the message's framing, not to the end of the stream: the server may keep the
            // connection open after its answer even though the request asked it to close.
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String statusLine = line(in);
            if (!statusLine.startsWith("HTTP/1.1 ")) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                     size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                    content.write(in.readNBytes(size));
                    line(in);
                }
                for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
                    // Trailers are ignored.
                }
            } else if (length >= 0) {
                content.write(in.readNBytes((int) length));
            } else {
                in.transferTo(content);
            }
            return new Answer(status, content.toString(StandardCharsets.UTF_8));
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed mid-answer");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /**
     * @return a TCP port on 127.0.0.1 that was free a moment ago
     * @throws IOException if none can be had
     */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
