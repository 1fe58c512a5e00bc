package io.loadharness.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fan-out target on loopback (JDK HttpServer) that fails the way a neighbour can: healthy, slow past
 * any timeout, answering 500s, or answering garbage. Counts the calls and keeps the headers of each.
 * Its thread pool is started in full up front, so it adds no threads while a test counts them.
 */
final class StubTarget implements AutoCloseable {

    /** How the stub answers {@code POST /load/cpu/work}. */
    enum Mode {
        /** 200 with {@code X-Pod-Name: stub-pod}. */
        HEALTHY,
        /** Answers nothing until {@link #release()} or 10 s. */
        SLOW,
        /** 500 with a plain-text body. */
        ERROR_500,
        /** 200 without a pod header and a body that is not JSON. */
        GARBAGE
    }

    private static final int THREADS = 16;

    private final HttpServer server;
    private final ThreadPoolExecutor pool;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> hostHeaders = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Mode mode;

    StubTarget(Mode mode) throws IOException {
        this.mode = mode;
        pool = new ThreadPoolExecutor(THREADS, THREADS, 1, TimeUnit.HOURS, new LinkedBlockingQueue<>());
        pool.prestartAllCoreThreads();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int calls() {
        return calls.get();
    }

    List<String> hostHeaders() {
        return List.copyOf(hostHeaders);
    }

    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    /** Lets every slow call answer now. */
    void release() {
        released.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        hostHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("Host")));
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        try (InputStream in = exchange.getRequestBody()) {
            in.readNBytes(64 * 1024);
        }
        switch (mode) {
            case HEALTHY -> {
                exchange.getResponseHeaders().add(PodHeader.NAME, "stub-pod");
                send(exchange, 200, "{\"pod\":\"stub-pod\"}");
            }
            case SLOW -> {
                try {
                    released.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(exchange, 200, "{\"pod\":\"late\"}");
            }
            case ERROR_500 -> send(exchange, 500, "internal error");
            case GARBAGE -> send(exchange, 200, "<html>\u0000\u00ff not json");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(status, bytes.length);
            out.write(bytes);
        } catch (IOException e) {
            // The caller gave up (timeout) and closed the connection: expected for the slow mode.
            exchange.close();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
