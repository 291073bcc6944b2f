package dev.netlab.livestream.impair;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What an {@link ImpairmentRelay} did with the datagrams of each direction. Thread-safe: the
 * relay's I/O and delay threads update it while anyone reads it.
 */
public final class RelayCounters {

    /**
     * A snapshot of one direction.
     *
     * @param received datagrams that reached the relay
     * @param forwarded copies sent on (duplicates included)
     * @param dropped datagrams lost on purpose by the model
     * @param duplicated extra copies made by the model
     * @param corrupted copies with a byte flipped
     * @param reordered copies held back so later ones overtake them
     * @param discarded copies the relay could not deliver: delay queue full, socket buffer full,
     *     mapping expired or closed, too many clients
     */
    public record Counts(long received, long forwarded, long dropped, long duplicated, long corrupted,
                         long reordered, long discarded) {

        public String format() {
            return String.format(Locale.ROOT,
                    "received %d, forwarded %d, dropped %d, duplicated %d, corrupted %d, reordered %d, discarded %d",
                    received, forwarded, dropped, duplicated, corrupted, reordered, discarded);
        }
    }

    static final class DirectionCounters {
        final LongAdder received = new LongAdder();
        final LongAdder forwarded = new LongAdder();
        final LongAdder dropped = new LongAdder();
        final LongAdder duplicated = new LongAdder();
        final LongAdder corrupted = new LongAdder();
        final LongAdder reordered = new LongAdder();
        final LongAdder discarded = new LongAdder();

        Counts snapshot() {
            return new Counts(received.sum(), forwarded.sum(), dropped.sum(), duplicated.sum(),
                    corrupted.sum(), reordered.sum(), discarded.sum());
        }
    }

    private final Map<Direction, DirectionCounters> directions = new EnumMap<>(Direction.class);

    RelayCounters() {
        for (Direction direction : Direction.values()) {
            directions.put(direction, new DirectionCounters());
        }
    }

    DirectionCounters of(Direction direction) {
        return directions.get(direction);
    }

    public Counts snapshot(Direction direction) {
        return directions.get(direction).snapshot();
    }

    /** One line per direction, e.g. {@code to-target: received 10, forwarded 9, dropped 1, ...}. */
    public String format() {
        StringBuilder out = new StringBuilder();
        for (Direction direction : Direction.values()) {
            if (out.length() > 0) {
                out.append(System.lineSeparator());
            }
            out.append(direction.label()).append(": ").append(snapshot(direction).format());
        }
        return out.toString();
    }
}
