package io.loadharness.core.fanout;

/**
 * How many calls one pod served in a fan-out.
 *
 * @param pod          the pod name the target reported
 * @param requests     calls it answered
 * @param share        its fraction of all answered calls, 0-1
 * @param avgLatencyMs mean latency of its calls, in milliseconds
 */
public record PodShare(String pod, long requests, double share, double avgLatencyMs) {
}
