package io.loadharness.prometheus.live;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/** Request totals the test sets by hand. */
final class CountingStats implements LocalRequestStats {

    private final AtomicLong count = new AtomicLong();
    private final DoubleAdder seconds = new DoubleAdder();

    void record(long requests, double totalSeconds) {
        count.addAndGet(requests);
        seconds.add(totalSeconds);
    }

    @Override
    public long requestCount() {
        return count.get();
    }

    @Override
    public double requestSecondsSum() {
        return seconds.sum();
    }
}
