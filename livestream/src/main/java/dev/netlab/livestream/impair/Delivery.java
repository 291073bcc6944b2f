package dev.netlab.livestream.impair;

/**
 * One copy of a datagram that an {@link ImpairmentModel} lets through: the bytes to send (a
 * corrupted copy is a fresh array) and how long to hold it first.
 */
public record Delivery(byte[] datagram, long delayNanos, boolean reordered, boolean corrupted) {
}
