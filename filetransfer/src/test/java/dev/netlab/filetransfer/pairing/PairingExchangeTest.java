package dev.netlab.filetransfer.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.common.frame.ProtocolViolationException;
import dev.netlab.filetransfer.protocol.ErrorCode;
import dev.netlab.filetransfer.protocol.MessageWriter;
import dev.netlab.filetransfer.tls.Fingerprint;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.agreement.ecjpake.ECJPAKEParticipant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Both sides of the EC J-PAKE exchange over in-memory pipes, and hostile messages: no sockets, no TLS. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PairingExchangeTest {

    private static final Fingerprint SERVER = PipedPairing.SERVER;
    private static final Fingerprint OTHER = Fingerprint.ofDigest(filled(7));

    private static byte[] filled(int value) {
        byte[] b = new byte[32];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    private static PairingExchange.Outcome exchange(PairingCode serverCode, PairingCode clientCode, Fingerprint seen,
                                                    CompletableFuture<Throwable> clientFailure) throws Exception {
        return PipedPairing.exchange(serverCode, clientCode, seen, clientFailure);
    }

    @Test
    void theSameCodeAndCertificatePair() throws Exception {
        PairingCode code = PairingCode.generate();
        CompletableFuture<Throwable> client = new CompletableFuture<>();
        assertThat(exchange(code, PairingCode.parse(code.reveal()), SERVER, client)).isEqualTo(PairingExchange.Outcome.PAIRED);
        assertThat(client.get()).isNull();
    }

    @Test
    void aWrongCodeIsTheServersOutcomeAndTheClientsRefusal() throws Exception {
        CompletableFuture<Throwable> client = new CompletableFuture<>();
        assertThat(exchange(PairingCode.parse("1111-maple-otter-quartz"), PairingCode.parse("1111-maple-otter-quarts"),
                SERVER, client)).isEqualTo(PairingExchange.Outcome.WRONG_CODE);
        assertThat(client.get()).isInstanceOf(PairingRefusedException.class).hasMessage("pairing refused: wrong code");
    }

    @Test
    void aClientThatSawAnotherCertificateIsRefusedEvenWithTheRightCode() throws Exception {
        PairingCode code = PairingCode.generate();
        CompletableFuture<Throwable> client = new CompletableFuture<>();
        assertThat(exchange(code, code, OTHER, client)).isEqualTo(PairingExchange.Outcome.OTHER_CERTIFICATE);
        assertThat(client.get()).isInstanceOf(PairingRefusedException.class)
                .hasMessage("pairing refused: the client saw another TLS certificate than this server's " + SERVER
                        + "; someone may be intercepting the connection");
    }

    @Test
    void theConfirmationKeyDependsOnTheFingerprint() {
        java.math.BigInteger material = java.math.BigInteger.valueOf(123456789);
        assertThat(PairingExchange.bind(material, SERVER)).isNotEqualTo(PairingExchange.bind(material, OTHER));
    }

    @Test
    void anOversizedMessageLengthIsRefusedBeforeAnyAllocation() throws Exception {
        Pipe pipe = Pipe.open();
        pipe.sink().write(ByteBuffer.allocate(3).put((byte) PairingFormat.HELLO_ROUND_1).putShort((short) 0xFFFF).flip());
        assertThatThrownBy(() -> new PairingReader(pipe.source()).expect(PairingFormat.HELLO_ROUND_1))
                .isInstanceOf(ProtocolViolationException.class).hasMessage("pairing message length 65535 > max 1024");
    }

    @Test
    void aNumberLongerThanItsCapIsRefused() throws Exception {
        ByteBuffer body = ByteBuffer.allocate(8).put((byte) 1).put((byte) 'x').put((byte) 34).flip();
        assertThatThrownBy(() -> PairingReader.round3(body)).isInstanceOf(ProtocolViolationException.class)
                .hasMessage("number of 34 bytes outside 1..33");
    }

    @Test
    void aTruncatedRoundIsRefused() throws Exception {
        ByteBuffer body = ByteBuffer.allocate(3).put((byte) 5).put((byte) 'a').put((byte) 'b').flip();
        assertThatThrownBy(() -> PairingReader.round1(body)).isInstanceOf(ProtocolViolationException.class)
                .hasMessage("pairing message ends inside a field");
    }

    @Test
    void aTruncatedPointIsRefused() {
        ByteBuffer body = ByteBuffer.wrap(HexFormat.of().parseHex("0178" + "02" + "6b17d1f2e12c4247f8bce6e563a440f2"));
        assertThatThrownBy(() -> PairingReader.round2(body)).isInstanceOf(ProtocolViolationException.class)
                .hasMessage("pairing message ends inside a field");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "x = 1 has no y on P-256, 02" + "0000000000000000000000000000000000000000000000000000000000000001",
        "x = p lies outside the field, 03" + "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
        "an uncompressed prefix on 33 bytes, 04" + "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296",
        "the infinity stretched to 33 bytes, 00" + "0000000000000000000000000000000000000000000000000000000000000000",
        "an unknown prefix, 05" + "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"})
    void aPointNotOnTheCurveIsRefused(String why, String point) {
        ByteBuffer body = ByteBuffer.wrap(HexFormat.of().parseHex("0178" + point + point + "0101"));
        assertThatThrownBy(() -> PairingReader.round2(body)).isInstanceOf(ProtocolViolationException.class)
                .hasMessage("pairing point " + point.substring(0, 8) + "... is not a compressed point on P-256");
    }

    @Test
    void randomPointBytesEitherDecodeOrAreRefusedCleanly() {
        long seed = 12;
        Random random = new Random(seed);
        int refused = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] point = new byte[PairingFormat.POINT_LENGTH];
            random.nextBytes(point);
            point[0] = (byte) (i % 3 == 0 ? random.nextInt(8) : 2 + random.nextInt(2));
            ByteBuffer body = ByteBuffer.allocate(128).put((byte) 1).put((byte) 'x').put(point).put(point)
                    .put((byte) 1).put((byte) 1).flip();
            try {
                PairingReader.round2(body);
            } catch (ProtocolViolationException e) {
                refused++;
                assertThat(e).as("seed %d, case %d", seed, i).hasMessageEndingWith("is not a compressed point on P-256");
            }
        }
        assertThat(refused).as("seed %d: about half the x have no y, and a third of the prefixes are wrong", seed)
                .isBetween(1000, 1600);
    }

    @Test
    void aServerRefusesEveryAlteredByteOfAClientsFirstRound() throws Exception {
        long seed = 7;
        Random random = new Random(seed);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        char[] secret = PairingCode.generate().secret();
        new PairingWriter(Channels.newChannel(bytes)).helloRound1(new ECJPAKEParticipant(PairingFormat.CLIENT_ROLE + SERVER,
                secret, PairingFormat.CURVE).createRound1PayloadToSend());
        byte[] hello = bytes.toByteArray();
        int nameStart = PairingFormat.HEADER_LENGTH + 1;
        int nameEnd = nameStart + hello[PairingFormat.HEADER_LENGTH];
        for (int i = 0; i < 100; i++) {
            byte[] altered = hello.clone();
            int at = PairingFormat.HEADER_LENGTH + random.nextInt(altered.length - PairingFormat.HEADER_LENGTH);
            altered[at] ^= (byte) (1 + random.nextInt(255));
            Pipe toServer = Pipe.open();
            Pipe toClient = Pipe.open();
            toServer.sink().write(ByteBuffer.wrap(altered));
            toServer.sink().close();
            try {
                if (at >= nameStart && at < nameEnd) {
                    assertThat(PairingExchange.asServer(toServer.source(), toClient.sink(), PairingCode.generate(), SERVER))
                            .as("seed %d, byte %d of the name altered", seed, at)
                            .isEqualTo(PairingExchange.Outcome.OTHER_CERTIFICATE);
                } else {
                    assertThatThrownBy(() -> PairingExchange.asServer(toServer.source(), toClient.sink(),
                            PairingCode.generate(), SERVER)).as("seed %d, byte %d altered", seed, at)
                            .isInstanceOf(ProtocolViolationException.class);
                }
            } finally {
                PipedPairing.close(toServer.source());
                PipedPairing.close(toClient.sink());
                PipedPairing.close(toClient.source());
            }
        }
    }

    @Test
    void aClientOfTheOldVersionHearsWhyTheServerRefusesIt() throws Exception {
        // What a version-1 server answers a version-2 opening: a transfer-protocol ERROR frame.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new MessageWriter(Channels.newChannel(bytes)).error(ErrorCode.PROTOCOL_VIOLATION,
                "pairing version 2, this server speaks 1");
        Pipe pipe = Pipe.open();
        pipe.sink().write(ByteBuffer.wrap(bytes.toByteArray()));
        assertThatThrownBy(() -> new PairingReader(pipe.source()).expect(PairingFormat.ROUNDS_1_2))
                .isInstanceOf(PairingRefusedException.class)
                .hasMessage("pairing refused: the server does not speak pairing version 2; it may run an older netlab");
    }
}
