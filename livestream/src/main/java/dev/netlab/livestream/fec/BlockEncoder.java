package dev.netlab.livestream.fec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The encoder of every parity scheme: it collects one block of consecutive source datagrams and
 * emits each group's repairs as soon as the group's last member has been added (a row right
 * after its last packet, the columns of a 2D block and the Reed-Solomon repairs with the
 * block's last packet). Not thread-safe.
 */
final class BlockEncoder implements FecEncoder {

    private final int blockSpan;
    private final Map<Integer, List<GroupShape>> shapesByLastPosition = new HashMap<>();
    private final byte[][] symbols;
    private int baseSequence = -1;
    private int nextPosition;

    BlockEncoder(FecScheme scheme) {
        this.blockSpan = scheme.blockSpan();
        this.symbols = new byte[blockSpan][];
        for (GroupShape shape : scheme.blockLayout()) {
            shapesByLastPosition.computeIfAbsent(shape.lastPosition(), p -> new ArrayList<>()).add(shape);
        }
    }

    static void checkArguments(int sequence, byte[] sourcePacket) {
        if (!SequenceNumbers.isValid(sequence)) {
            throw new IllegalArgumentException("sequence " + sequence + " not in 0..65535");
        }
        if (sourcePacket == null || sourcePacket.length > RepairFormat.MAX_SOURCE_PACKET_LENGTH) {
            throw new IllegalArgumentException("source packet length "
                    + (sourcePacket == null ? "null" : sourcePacket.length)
                    + " > max " + RepairFormat.MAX_SOURCE_PACKET_LENGTH);
        }
    }

    @Override
    public List<byte[]> add(int sequence, byte[] sourcePacket) {
        checkArguments(sequence, sourcePacket);
        if (baseSequence < 0 || sequence != SequenceNumbers.add(baseSequence, nextPosition)) {
            startBlock(sequence);
        }
        int position = nextPosition++;
        symbols[position] = Symbols.of(sourcePacket);
        List<byte[]> repairs = new ArrayList<>();
        for (GroupShape shape : shapesByLastPosition.getOrDefault(position, List.of())) {
            byte[][] members = new byte[shape.count()][];
            for (int i = 0; i < shape.count(); i++) {
                members[i] = symbols[shape.firstPosition() + i * shape.step()];
            }
            int groupBase = SequenceNumbers.add(baseSequence, shape.firstPosition());
            int groupCheck = ParityCode.groupCheck(members);
            for (int index = 0; index < shape.repairCount(); index++) {
                byte[] symbol = ParityCode.encode(shape.kind(), index, members);
                repairs.add(RepairWriter.write(
                        new RepairPacket(shape.kind(), groupBase, shape.step(), shape.count(), index, groupCheck, symbol)));
            }
        }
        if (nextPosition == blockSpan) {
            startBlock(SequenceNumbers.add(baseSequence, blockSpan));
        }
        return repairs;
    }

    private void startBlock(int sequence) {
        baseSequence = sequence;
        nextPosition = 0;
        java.util.Arrays.fill(symbols, null);
    }
}
