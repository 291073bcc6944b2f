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

    /**
     * Identifies a group. The check and symbol length are part of it so that a corrupted or
     * forged repair forms a group of its own (which never passes its check) instead of
     * blocking the genuine repairs of the group it imitates.
     */
    /**
     * A datagram this far behind the window is not late but from a restarted sequence space (a
     * new sender), and the decoder starts over. Anything less far behind is only too late (a
     * slow retransmission, say) and is ignored: 4096 packets is 20 s of 5 ms audio.
     */
    static final int RESTART_DISTANCE = 4096;

    private record GroupKey(RepairKind kind, int base, int step, int count, int groupCheck, int symbolLength) {

        static GroupKey of(RepairPacket repair) {
            return new GroupKey(repair.kind(), repair.baseSequence(), repair.step(), repair.count(),
                    repair.groupCheck(), repair.symbol().length);
        }
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
    /** Ring of datagrams indexed by sequence & mask; holds [horizon, highest + windowSpan]. */
    private final byte[][] window;
    private final int mask;
    private final Map<GroupKey, Group> groups = new LinkedHashMap<>();
    private final List<RecoveredPacket> recovered = new ArrayList<>();
    private boolean started;
    private int highest;
    private int horizon;

    ParityDecoder(FecScheme scheme) {
        this.scheme = scheme;
        this.windowSpan = BLOCKS_KEPT * scheme.blockSpan();
        int slots = windowSpan == 0 ? 0 : Integer.highestOneBit(2 * windowSpan + 1) * 2;
        this.window = new byte[slots][];
        this.mask = slots - 1;
    }

    @Override
    public void addSource(int sequence, byte[] sourcePacket) {
        if (windowSpan == 0 || !SequenceNumbers.isValid(sequence) || sourcePacket == null
                || sourcePacket.length > RepairFormat.MAX_SOURCE_PACKET_LENGTH) {
            return;
        }
        if (!admit(sequence) || known(sequence) != null) {
            return;
        }
        window[sequence & mask] = sourcePacket.clone();
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
        if (ahead > windowSpan || behindHorizon > RESTART_DISTANCE) {
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
        GroupKey key = GroupKey.of(repair);
        Group group = groups.get(key);
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

    /** Repair groups currently waiting for members or repairs (never above {@link #MAX_GROUPS_KEPT}). */
    public int groupsKept() {
        return groups.size();
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
        for (int i = 0; i < Math.min(steps, window.length); i++) {
            window[SequenceNumbers.add(horizon, i) & mask] = null;
        }
        horizon = newHorizon;
        groups.values().removeIf(g -> SequenceNumbers.isBefore(g.first.lastMember(), horizon));
    }

    /** True if the window can hold this sequence: from the horizon to windowSpan past the newest. */
    private boolean isInWindow(int sequence) {
        return !SequenceNumbers.isBefore(sequence, horizon) && SequenceNumbers.distance(sequence, highest) <= windowSpan;
    }

    /** The datagram with this sequence if it is known and still in the window, else null. */
    private byte[] known(int sequence) {
        return started && isInWindow(sequence) ? window[sequence & mask] : null;
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
        int[] missing = missingMembers(first);
        if (missing.length > group.repairs.size()) {
            return;
        }
        groups.remove(key);
        if (missing.length == 0) {
            return;
        }
        byte[][] packets = rebuild(group, missing);
        if (packets == null) {
            return;
        }
        for (int t = 0; t < missing.length; t++) {
            int sequence = first.member(missing[t]);
            if (isInWindow(sequence)) {
                window[sequence & mask] = packets[t];
                recovered.add(new RecoveredPacket(sequence, packets[t].clone()));
                known.add(sequence);
            }
        }
    }

    /** The member indexes of the group whose datagrams are not (or no longer) known. */
    private int[] missingMembers(RepairPacket group) {
        int[] missing = new int[group.count()];
        int count = 0;
        for (int i = 0; i < group.count(); i++) {
            if (known(group.member(i)) == null) {
                missing[count++] = i;
            }
        }
        return java.util.Arrays.copyOf(missing, count);
    }

    /**
     * Solves for the missing members; null unless the rebuilt datagrams are well formed and the
     * whole group matches its check, so wrong bytes are never passed off as recovered.
     */
    private byte[][] rebuild(Group group, int[] missing) {
        RepairPacket first = group.first;
        byte[][] memberSymbols = new byte[first.count()][];
        for (int i = 0; i < first.count(); i++) {
            byte[] packet = known(first.member(i));
            memberSymbols[i] = packet == null ? null : Symbols.of(packet);
        }
        List<RepairPacket> chosen = new ArrayList<>(group.repairs.values()).subList(0, missing.length);
        byte[][] solved = ParityCode.solve(first.kind(), chosen, memberSymbols, missing);
        if (solved == null) {
            return null;
        }
        byte[][] packets = new byte[missing.length][];
        for (int t = 0; t < missing.length; t++) {
            packets[t] = Symbols.toPacket(solved[t]);
            if (packets[t] == null) {
                return null;
            }
            memberSymbols[missing[t]] = Symbols.of(packets[t]);
        }
        return ParityCode.groupCheck(memberSymbols) == first.groupCheck() ? packets : null;
    }
}
