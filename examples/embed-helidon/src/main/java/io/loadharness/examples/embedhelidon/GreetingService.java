package io.loadharness.examples.embedhelidon;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** The service's own business routes, standing for whatever an application already serves. */
final class GreetingService implements HttpService {

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::greetWorld)
                .get("/{name}", this::greetName);
    }

    private void greetWorld(ServerRequest req, ServerResponse res) {
        send(res, "World");
    }

    private void greetName(ServerRequest req, ServerResponse res) {
        send(res, req.path().pathParameters().get("name"));
    }

    private static void send(ServerResponse res, String name) {
        String safe = name.replace("\\", "\\\\").replace("\"", "\\\"");
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send("{\"message\":\"Hello " + safe + "!\"}");
    }
}
