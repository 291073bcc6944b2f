package dev.netlab.livestream.fec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The decoder of every parity scheme. Source datagrams live in a window indexed by sequence
 * number; repairs are gathered per group. Whenever a datagram becomes known (arrived or rebuilt)
 * the groups it belongs to are tried again, so recovery in 2D alternates between rows and
 * columns until nothing more can be rebuilt. Not thread-safe.
 */
public final class ParityDecoder implements FecDecoder {

    /**
     * Repair groups kept at most; the oldest is forgotten first. 512 covers 8 blocks of the
     * largest 2D layout's rows and columns at typical sizes and costs at most 512 repairs of
     * ~1.5 kB each (under 1 MB).
     */
    public static final int MAX_GROUPS_KEPT = 512;

    /**
     * How many blocks of source datagrams are kept behind the newest one. Older datagrams are
     * no longer useful: their repairs arrived long ago, and a receiver has played past them.
     */
    public static final int BLOCKS_KEPT = 8;

    private record GroupKey(RepairKind kind, int base, int step, int count) {
    }

    /** The repairs received for one group, by repair index. */
    private static final class Group {
        final RepairPacket first;
        final TreeMap<Integer, RepairPacket> repairs = new TreeMap<>();

        Group(RepairPacket first) {
            this.first = first;
            repairs.put(first.index(), first);
        }
    }

    private final FecScheme scheme;
    private final int windowSpan;
    private final byte[][] window;
    private final Map<GroupKey, Group> groups = new LinkedHashMap<>();
    private final List<RecoveredPacket> recovered = new ArrayList<>();
    private boolean started;
    private int highest;
    private int horizon;

    ParityDecoder(FecScheme scheme) {
        this.scheme = scheme;
        this.windowSpan = BLOCKS_KEPT * scheme.blockSpan();
        this.window = windowSpan == 0 ? new byte[0][] : new byte[SequenceNumbers.MODULUS][];
    }

    @Override
    public void addSource(int sequence, byte[] sourcePacket) {
        if (windowSpan == 0 || !SequenceNumbers.isValid(sequence) || sourcePacket == null
                || sourcePacket.length > RepairFormat.MAX_SOURCE_PACKET_LENGTH) {
            return;
        }
        if (!admit(sequence) || window[sequence] != null) {
            return;
        }
        window[sequence] = sourcePacket.clone();
        learn(sequence);
    }

    /** Moves the window for a newly arrived sequence; false if it is too old to keep. */
    private boolean admit(int sequence) {
        if (!started) {
            restartAt(sequence);
            return true;
        }
        int ahead = SequenceNumbers.distance(sequence, highest);
        int behindHorizon = SequenceNumbers.distance(horizon, sequence);
        if (ahead > windowSpan || behindHorizon > windowSpan) {
            clearAll();
            restartAt(sequence);
            return true;
        }
        if (behindHorizon > 0) {
            return false;
        }
        if (ahead > 0) {
            highest = sequence;
            advanceHorizon(SequenceNumbers.add(sequence, -windowSpan));
        }
        return true;
    }

    private void restartAt(int sequence) {
        started = true;
        highest = sequence;
        horizon = SequenceNumbers.add(sequence, -windowSpan);
    }

    private void clearAll() {
        java.util.Arrays.fill(window, null);
        groups.clear();
    }

    @Override
    public boolean addRepair(byte[] repairPayload) {
        RepairPacket repair;
        try {
            repair = RepairReader.read(repairPayload);
        } catch (MalformedRepairException e) {
            return false;
        }
        if (windowSpan == 0 || !scheme.accepts(repair)) {
            return false;
        }
        GroupKey key = new GroupKey(repair.kind(), repair.baseSequence(), repair.step(), repair.count());
        Group group = groups.get(key);
        if (group != null && (group.first.symbol().length != repair.symbol().length
                || group.first.groupCheck() != repair.groupCheck())) {
            return false;
        }
        if (started && !isWithinWindow(repair)) {
            return true;
        }
        if (group == null) {
            group = new Group(repair);
            groups.put(key, group);
            evictOverflow();
        } else {
            group.repairs.putIfAbsent(repair.index(), repair);
        }
        Deque<Integer> known = new ArrayDeque<>();
        trySolve(key, group, known);
        propagate(known);
        return true;
    }

    private boolean isWithinWindow(RepairPacket repair) {
        return !SequenceNumbers.isBefore(repair.lastMember(), horizon)
                && SequenceNumbers.distance(repair.baseSequence(), highest) <= windowSpan;
    }

    private void evictOverflow() {
        Iterator<GroupKey> oldest = groups.keySet().iterator();
        while (groups.size() > MAX_GROUPS_KEPT) {
            oldest.next();
            oldest.remove();
        }
    }

    @Override
    public List<RecoveredPacket> drainRecovered() {
        List<RecoveredPacket> drained = List.copyOf(recovered);
        recovered.clear();
        return drained;
    }

    @Override
    public void discardBefore(int sequence) {
        if (windowSpan == 0 || !SequenceNumbers.isValid(sequence)) {
            return;
        }
        if (!started) {
            started = true;
            horizon = sequence;
            highest = SequenceNumbers.add(sequence, -1);
            return;
        }
        if (SequenceNumbers.distance(sequence, highest) > windowSpan) {
            clearAll();
            restartAt(SequenceNumbers.add(sequence, -1));
        }
        advanceHorizon(sequence);
        if (SequenceNumbers.isBefore(highest, horizon)) {
            highest = SequenceNumbers.add(horizon, -1);
        }
    }

    private void advanceHorizon(int newHorizon) {
        int steps = SequenceNumbers.distance(newHorizon, horizon);
        if (steps <= 0) {
            return;
        }
        for (int i = 0; i < steps; i++) {
            window[SequenceNumbers.add(horizon, i)] = null;
        }
        horizon = newHorizon;
        groups.values().removeIf(g -> SequenceNumbers.isBefore(g.first.lastMember(), horizon));
    }

    /** A datagram became known: retry every group it belongs to, and whatever that rebuilds. */
    private void learn(int sequence) {
        Deque<Integer> known = new ArrayDeque<>();
        known.add(sequence);
        propagate(known);
    }

    private void propagate(Deque<Integer> known) {
        while (!known.isEmpty()) {
            int sequence = known.poll();
            List<Map.Entry<GroupKey, Group>> covering = new ArrayList<>();
            for (Map.Entry<GroupKey, Group> entry : groups.entrySet()) {
                if (covers(entry.getValue().first, sequence)) {
                    covering.add(entry);
                }
            }
            for (Map.Entry<GroupKey, Group> entry : covering) {
                trySolve(entry.getKey(), entry.getValue(), known);
            }
        }
    }

    private static boolean covers(RepairPacket group, int sequence) {
        int offset = SequenceNumbers.distance(sequence, group.baseSequence());
        return offset >= 0 && offset <= (group.count() - 1) * group.step() && offset % group.step() == 0;
    }

    /**
     * Rebuilds the group's missing members if it has enough repairs. A group that is complete,
     * or whose repairs proved inconsistent, is dropped; rebuilt sequences go onto {@code known}.
     */
    private void trySolve(GroupKey key, Group group, Deque<Integer> known) {
        RepairPacket first = group.first;
        byte[][] memberSymbols = new byte[first.count()][];
        int[] missing = new int[first.count()];
        int missingCount = 0;
        for (int i = 0; i < first.count(); i++) {
            byte[] packet = window[first.member(i)];
            if (packet == null) {
                missing[missingCount++] = i;
            } else {
                memberSymbols[i] = Symbols.of(packet);
            }
        }
        if (missingCount == 0) {
            groups.remove(key);
            return;
        }
        if (missingCount > group.repairs.size()) {
            return;
        }
        groups.remove(key);
        int[] unknowns = java.util.Arrays.copyOf(missing, missingCount);
        List<RepairPacket> chosen = new ArrayList<>(group.repairs.values()).subList(0, missingCount);
        byte[][] solved = ParityCode.solve(first.kind(), chosen, memberSymbols, unknowns);
        if (solved == null) {
            return;
        }
        byte[][] packets = new byte[missingCount][];
        for (int t = 0; t < missingCount; t++) {
            packets[t] = Symbols.toPacket(solved[t]);
            if (packets[t] == null) {
                return;
            }
            memberSymbols[unknowns[t]] = Symbols.of(packets[t]);
        }
        if (ParityCode.groupCheck(memberSymbols) != first.groupCheck()) {
            return;
        }
        for (int t = 0; t < missingCount; t++) {
            int sequence = first.member(unknowns[t]);
            if (!SequenceNumbers.isBefore(sequence, horizon) && SequenceNumbers.distance(sequence, highest) <= windowSpan) {
                window[sequence] = packets[t];
                recovered.add(new RecoveredPacket(sequence, packets[t].clone()));
                known.add(sequence);
            }
        }
    }
}
