package io.loadharness.core.jobs;

import java.util.NoSuchElementException;

/** Thrown when no job, running or remembered, has the given id. */
public final class UnknownJobException extends NoSuchElementException {

    private static final long serialVersionUID = 1L;

    /**
     * @param id the id asked for (shortened for display when long)
     */
    public UnknownJobException(String id) {
        super("no job with id '" + (id.length() > 64 ? id.substring(0, 64) + "..." : id) + "'");
    }
}
