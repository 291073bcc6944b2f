package dev.netlab.filetransfer.stripe;

import dev.netlab.common.frame.ProtocolViolationException;
import dev.netlab.filetransfer.engine.SourceFile;
import dev.netlab.filetransfer.protocol.Message;

/**
 * Which chunks of a file one connection carries: stripe {@code index} of {@code count} carries
 * chunks index, index + count, index + 2 count, ... An unstriped file is stripe 0 of 1 and
 * carries every chunk. Stripe 0 also hashes the whole file and sends its digest in END; the
 * other stripes leave that to it. Immutable.
 */
public record Stripe(int index, int count) {

    /** Stripes per file: one per connection of a client, and a client opens at most this many. */
    public static final int MAX_STRIPES = 64;

    /** The whole file on one connection. */
    public static final Stripe WHOLE = new Stripe(0, 1);

    public static Stripe of(SourceFile source) {
        return new Stripe(source.stripeIndex(), source.stripeCount());
    }

    public static Stripe of(Message.Offer offer) {
        return new Stripe(offer.stripeIndex(), offer.stripeCount());
    }

    public boolean carries(int chunk) {
        return chunk % count == index;
    }

    /** True for the stripe whose END carries the whole-file digest. */
    public boolean hashesWholeFile() {
        return index == 0;
    }

    public boolean striped() {
        return count > 1;
    }

    /**
     * Checks an OFFER's stripe fields: a count of 1 to {@link #MAX_STRIPES}, an index below it,
     * and no striping of eager files or directories (they have no chunks to spread).
     */
    public static void checkOffer(Message.Offer o) throws ProtocolViolationException {
        if (o.stripeCount() < 1 || o.stripeCount() > MAX_STRIPES || o.stripeIndex() >= o.stripeCount()
                || o.stripeCount() > 1 && (o.eager() || o.directory())) {
            throw new ProtocolViolationException("stripe " + o.stripeIndex() + " of " + o.stripeCount()
                    + " for " + o.path() + " not allowed");
        }
    }
}
