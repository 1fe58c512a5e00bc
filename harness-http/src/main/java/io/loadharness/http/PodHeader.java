package io.loadharness.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;

/** The {@code X-Pod-Name} header every response carries, so callers see which pod answered. */
final class PodHeader {

    /** The header's name. */
    static final String NAME = "X-Pod-Name";

    /** The header's name, as Helidon wants it. */
    static final HeaderName HEADER = HeaderNames.create(NAME);

    private PodHeader() {
    }
}
