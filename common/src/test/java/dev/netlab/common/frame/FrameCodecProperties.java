package dev.netlab.common.frame;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.common.testing.ChunkedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class FrameCodecProperties {

    record Message(int type, int flags, byte[] payload) {
    }

    @Provide
    Arbitrary<Message> messages() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(0, 0xFFFF),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200_000))
                .as(Message::new);
    }

    @Property(tries = 200)
    void framesSurviveARoundTripWhateverTheReadBoundaries(
            @ForAll @Size(max = 12) List<@From("messages") Message> messages,
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 70_000) Integer> readSizes)
            throws IOException {
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

    @Property(tries = 200)
    void aStreamCutAnywhereInsideAFrameIsTruncatedNeverAFrame(
            @ForAll @Size(min = 1, max = 3000) byte[] payload, @ForAll @IntRange(min = 1) int cutSeed)
            throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        new FrameWriter(Channels.newChannel(wire)).write(7, 0, payload);
        byte[] whole = wire.toByteArray();
        int cut = 1 + cutSeed % (whole.length - 1);
        byte[] truncated = java.util.Arrays.copyOf(whole, cut);

        FrameReader reader = new FrameReader(new ChunkedChannel(truncated, List.of(5)), 4000);

        org.assertj.core.api.Assertions.assertThatThrownBy(reader::next)
                .isInstanceOf(TruncatedFrameException.class)
                .hasMessage("stream ended inside a frame after " + cut + " of "
                        + (cut < FrameFormat.HEADER_LENGTH ? FrameFormat.HEADER_LENGTH : whole.length) + " bytes");
    }
}
