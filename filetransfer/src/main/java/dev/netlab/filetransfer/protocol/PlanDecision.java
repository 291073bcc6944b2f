package dev.netlab.filetransfer.protocol;

import dev.netlab.common.frame.ProtocolViolationException;

/** What the receiver asks of the sender in a PLAN message. */
public enum PlanDecision {
    /** Send every chunk not listed as held, then END. */
    SEND(1),
    /** A file of this size is already there: send END with the digest first, so an identical
     *  file costs one hashing pass instead of a transfer. */
    DIGEST_FIRST(2);

    private final int wire;

    PlanDecision(int wire) {
        this.wire = wire;
    }

    public int wire() {
        return wire;
    }

    public static PlanDecision fromWire(int wire) throws ProtocolViolationException {
        for (PlanDecision decision : values()) {
            if (decision.wire == wire) {
                return decision;
            }
        }
        throw new ProtocolViolationException("unknown plan decision " + wire);
    }
}
