package io.loadharness.ui;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import io.loadharness.core.LimitExceededException;
import io.loadharness.core.jobs.UnknownJobException;
import io.loadharness.core.params.InvalidParameterException;
import io.loadharness.core.params.UnknownParameterException;

/**
 * Turns a refused request into the error fragment with a status htmx swaps: a bad value is 422, a
 * limit 429, an unknown job 404; never a 5xx for something the user typed.
 */
final class Rejections {

    private Rejections() {
    }

    /**
     * Runs an action and answers its refusal with the error fragment.
     *
     * @param views  renders the fragment
     * @param res    the response
     * @param action what to do; its own response on success
     */
    static void guard(Views views, ServerResponse res, Action action) {
        try {
            action.run();
        } catch (InvalidParameterException | UnknownParameterException e) {
            views.error(res, Status.UNPROCESSABLE_CONTENT_422, "Invalid value", e.getMessage());
        } catch (Forms.BadFormException e) {
            views.error(res, Status.UNPROCESSABLE_CONTENT_422, "Invalid form", e.getMessage());
        } catch (LimitExceededException e) {
            views.error(res, Status.TOO_MANY_REQUESTS_429, "Limit reached", e.getMessage());
        } catch (UnknownJobException e) {
            views.error(res, Status.NOT_FOUND_404, "Unknown job", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            views.error(res, Status.SERVICE_UNAVAILABLE_503, "Interrupted", "The server is shutting down.");
        } catch (IllegalStateException e) {
            views.error(res, Status.SERVICE_UNAVAILABLE_503, "Unavailable", e.getMessage());
        }
    }

    /** An action that may be refused. */
    @FunctionalInterface
    interface Action {
        /**
         * @throws InterruptedException if interrupted while running a load
         */
        void run() throws InterruptedException;
    }
}
