package dev.netlab.common.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.common.testing.CaseRandom;
import dev.netlab.common.testing.ChunkedChannel;
import dev.netlab.common.testing.SeededCases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

class FrameCodecProperties {

    record Message(int type, int flags, byte[] payload) {
    }

    @SeededCases(200)
    void framesSurviveARoundTripWhateverTheReadBoundaries(long seed) throws IOException {
        CaseRandom random = new CaseRandom(seed);
        List<Message> messages = new ArrayList<>();
        for (int i = random.between(0, 12); i > 0; i--) {
            messages.add(new Message(random.between(0, 255), random.between(0, 0xFFFF), random.bytes(0, 200_000)));
        }
        List<Integer> readSizes = new ArrayList<>();
        for (int i = random.between(1, 8); i > 0; i--) {
            readSizes.add(random.between(1, 70_000));
        }
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(Channels.newChannel(wire));
        for (Message m : messages) {
            writer.write(m.type(), m.flags(), m.payload());
        }

        FrameReader reader = new FrameReader(new ChunkedChannel(wire.toByteArray(), readSizes), 200_000);
        List<Message> read = new ArrayList<>();
        for (Frame f = reader.next(); f != null; f = reader.next()) {
            read.add(new Message(f.type(), f.flags(), f.payloadBytes()));
        }

        assertThat(read).hasSameSizeAs(messages);
        for (int i = 0; i < messages.size(); i++) {
            assertThat(read.get(i).type()).isEqualTo(messages.get(i).type());
            assertThat(read.get(i).flags()).isEqualTo(messages.get(i).flags());
            assertThat(read.get(i).payload()).isEqualTo(messages.get(i).payload());
        }
    }

    @SeededCases(200)
    void aStreamCutAnywhereInsideAFrameIsTruncatedNeverAFrame(long seed) throws IOException {
        CaseRandom random = new CaseRandom(seed);
        byte[] payload = random.bytes(1, 3000);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        new FrameWriter(Channels.newChannel(wire)).write(7, 0, payload);
        byte[] whole = wire.toByteArray();
        int cut = random.between(1, whole.length - 1);
        byte[] truncated = Arrays.copyOf(whole, cut);

        FrameReader reader = new FrameReader(new ChunkedChannel(truncated, List.of(5)), 4000);

        assertThatThrownBy(reader::next)
                .isInstanceOf(TruncatedFrameException.class)
                .hasMessage("stream ended inside a frame after " + cut + " of "
                        + (cut < FrameFormat.HEADER_LENGTH ? FrameFormat.HEADER_LENGTH : whole.length) + " bytes");
    }
}
