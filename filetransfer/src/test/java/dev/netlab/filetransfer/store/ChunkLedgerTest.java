package dev.netlab.filetransfer.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.filetransfer.protocol.ChunkLayout;
import dev.netlab.filetransfer.protocol.DigestAlgorithm;
import dev.netlab.filetransfer.protocol.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The resume ledger's on-disk format, and what a damaged one does: it is forgotten, never trusted. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ChunkLedgerTest {

    private static final ChunkLayout LAYOUT = new ChunkLayout(5 * 65536 + 7, 65536); // 6 chunks
    private static final long MTIME = 0x0102030405L;
    private static final int HEADER = 30;
    /** After the chunk marks: the digest-set byte and a 16-byte xxh128 digest. */
    private static final int DIGEST_SLOT = 1 + 16;
    private static final byte[] DIGEST = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

    @TempDir
    Path dir;

    private Path ledgerPath() {
        return dir.resolve(".f.nlpart.ledger");
    }

    private ChunkLedger open(boolean partExists) throws IOException {
        return ChunkLedger.open(ledgerPath(), partExists, LAYOUT, MTIME, DigestAlgorithm.XXH128);
    }

    @Test
    void writesTheHeaderAsTheJavadocDrawsItAndOneByteMarkPerChunk() throws IOException {
        try (ChunkLedger ledger = open(false)) {
            ledger.markVerified(1);
            ledger.markVerified(4);
        }

        assertThat(HexFormat.of().formatHex(Files.readAllBytes(ledgerPath()))).isEqualTo(
                "4e4c434c" + "02" + "01" + "00010000" + "0000000000050007" + "0000000102030405" + "00000006"
                        + "000100000100" + "00" + "00".repeat(16));
    }

    @Test
    void keepsTheSendersDigestAfterTheChunkMarksAcrossAReopenOfTheSameSourceOnly() throws IOException {
        try (ChunkLedger ledger = open(false)) {
            ledger.markVerified(0);
            assertThat(ledger.digest()).isNull();
            ledger.recordDigest(new byte[16]);
            ledger.recordDigest(DIGEST);
        }
        assertThat(HexFormat.of().formatHex(Files.readAllBytes(ledgerPath()), HEADER, HEADER + 6 + DIGEST_SLOT))
                .isEqualTo("010000000000" + "01" + "00112233445566778899aabbccddeeff");

        try (ChunkLedger reopened = open(true)) {
            assertThat(reopened.digest()).isEqualTo(DIGEST);
            assertThat(reopened.verifiedRuns()).containsExactly(new Message.ChunkRun(0, 1));
        }
        try (ChunkLedger newerSource = ChunkLedger.open(ledgerPath(), true, LAYOUT, MTIME + 1, DigestAlgorithm.XXH128)) {
            assertThat(newerSource.digest()).isNull();
        }
    }

    @ParameterizedTest(name = "digest-set byte {0}")
    @ValueSource(ints = {2, 0x80, 0xFF})
    void forgetsALedgerWhoseDigestSetByteIsNeitherZeroNorOne(int value) throws IOException {
        try (ChunkLedger ledger = open(false)) {
            ledger.markVerified(3);
            ledger.recordDigest(DIGEST);
        }
        byte[] bytes = Files.readAllBytes(ledgerPath());
        bytes[HEADER + 6] = (byte) value;
        Files.write(ledgerPath(), bytes);

        try (ChunkLedger reopened = open(true)) {
            assertThat(reopened.verifiedCount()).isZero();
            assertThat(reopened.digest()).isNull();
        }
    }

    @Test
    void keepsItsRecordAcrossAReopenOfTheSameSource() throws IOException {
        try (ChunkLedger ledger = open(false)) {
            ledger.markVerified(0);
            ledger.markVerified(1);
            ledger.markVerified(1);
            ledger.markVerified(3);
            assertThat(ledger.verifiedCount()).isEqualTo(3);
        }

        try (ChunkLedger reopened = open(true)) {
            assertThat(reopened.verifiedCount()).isEqualTo(3);
            assertThat(reopened.isVerified(3)).isTrue();
            assertThat(reopened.isVerified(2)).isFalse();
            assertThat(reopened.verifiedRuns()).containsExactly(new Message.ChunkRun(0, 2), new Message.ChunkRun(3, 1));
        }
    }

    @Test
    void startsFreshWithoutThePartFileOrForAnotherSource() throws IOException {
        try (ChunkLedger ledger = open(false)) {
            ledger.markVerified(0);
        }
        try (ChunkLedger noPart = open(false)) {
            assertThat(noPart.verifiedCount()).isZero();
            noPart.markVerified(0);
        }
        try (ChunkLedger newerSource = ChunkLedger.open(ledgerPath(), true, LAYOUT, MTIME + 1, DigestAlgorithm.XXH128)) {
            assertThat(newerSource.verifiedCount()).isZero();
            newerSource.markVerified(0);
        }
        try (ChunkLedger otherDigest = ChunkLedger.open(ledgerPath(), true, LAYOUT, MTIME + 1, DigestAlgorithm.SHA256)) {
            assertThat(otherDigest.verifiedCount()).isZero();
            otherDigest.markVerified(0);
        }
        try (ChunkLedger otherChunks = ChunkLedger.open(ledgerPath(), true, new ChunkLayout(LAYOUT.size(), 131072),
                MTIME + 1, DigestAlgorithm.SHA256)) {
            assertThat(otherChunks.verifiedCount()).isZero();
        }
    }

    @ParameterizedTest(name = "cut to {0} bytes")
    @ValueSource(ints = {0, 1, 4, HEADER - 1, HEADER, HEADER + 5, HEADER + 6, HEADER + 6 + DIGEST_SLOT - 1})
    void forgetsATruncatedLedgerAndRewritesItWhole(int length) throws IOException {
        try (ChunkLedger ledger = open(false)) {
            ledger.markVerified(0);
            ledger.markVerified(5);
        }
        byte[] bytes = Files.readAllBytes(ledgerPath());
        Files.write(ledgerPath(), java.util.Arrays.copyOf(bytes, length));

        try (ChunkLedger reopened = open(true)) {
            assertThat(reopened.verifiedCount()).isZero();
            assertThat(reopened.verifiedRuns()).isEmpty();
        }
        assertThat(Files.size(ledgerPath())).isEqualTo(HEADER + 6 + DIGEST_SLOT);
    }

    @Test
    void forgetsALedgerWithBytesAppended() throws IOException {
        try (ChunkLedger ledger = open(false)) {
            ledger.markVerified(2);
        }
        Files.write(ledgerPath(), new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);

        try (ChunkLedger reopened = open(true)) {
            assertThat(reopened.verifiedCount()).isZero();
        }
    }

    /** Seeded random damage: one to four bytes of the header changed to random values. */
    @RepeatedTest(50)
    void neverTrustsALedgerWithADamagedHeader(RepetitionInfo repetition) throws IOException {
        long seed = repetition.getCurrentRepetition();
        try (ChunkLedger ledger = open(false)) {
            for (int i = 0; i < 6; i++) {
                ledger.markVerified(i);
            }
        }
        byte[] bytes = Files.readAllBytes(ledgerPath());
        byte[] original = bytes.clone();
        SplittableRandom random = new SplittableRandom(seed);
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            bytes[random.nextInt(HEADER)] = (byte) random.nextInt(256);
        }
        Files.write(ledgerPath(), bytes);
        boolean changed = !java.util.Arrays.equals(bytes, original);

        try (ChunkLedger reopened = open(true)) {
            assertThat(reopened.verifiedCount()).as("seed %d", seed).isEqualTo(changed ? 0 : 6);
        }
    }

    @Test
    void readsOnlyTheValueOneAsVerified() throws IOException {
        try (ChunkLedger ledger = open(false)) {
            ledger.markVerified(0);
        }
        byte[] bytes = Files.readAllBytes(ledgerPath());
        bytes[HEADER + 1] = 2;
        bytes[HEADER + 2] = (byte) 0xFF;
        Files.write(ledgerPath(), bytes);

        try (ChunkLedger reopened = open(true)) {
            assertThat(reopened.verifiedRuns()).isEqualTo(List.of(new Message.ChunkRun(0, 1)));
        }
    }

    @Test
    void deleteRemovesTheFileAndToleratesItsAbsence() throws IOException {
        open(false).close();
        ChunkLedger.delete(ledgerPath());
        ChunkLedger.delete(ledgerPath());

        assertThat(ledgerPath()).doesNotExist();
    }
}
