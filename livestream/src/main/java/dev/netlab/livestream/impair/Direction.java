package dev.netlab.livestream.impair;

/** The two directions through an {@link ImpairmentRelay}; each has its own model and counters. */
public enum Direction {
    /** From a client (the relay's listening port) to the target. */
    TO_TARGET("to-target"),
    /** From the target back to the client that the mapping belongs to. */
    TO_CLIENT("to-client");

    private final String label;

    Direction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
