package dev.netlab.filetransfer.client;

import dev.netlab.filetransfer.protocol.DigestAlgorithm;
import dev.netlab.filetransfer.protocol.TransferProtocol;
import dev.netlab.filetransfer.transport.PlainTransport;
import dev.netlab.filetransfer.transport.Transport;
import java.time.Duration;

/**
 * How the client connects and transfers. {@code token} null means none.
 *
 * @param readTimeout how long the connection may stand still before the client gives up
 */
public record ClientOptions(String host, int port, byte[] token, int chunkSize, DigestAlgorithm algorithm, int streams,
                            Duration connectTimeout, Duration readTimeout, Transport transport) {

    /** 10 s: a LAN peer answers in milliseconds; longer means it is not there. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** 60 s: longer than the server may take to hash a large file it already has. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

    public static ClientOptions defaults(String host, int port) {
        return new ClientOptions(host, port, null, TransferProtocol.DEFAULT_CHUNK_SIZE, DigestAlgorithm.XXH128, 1,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, PlainTransport.INSTANCE);
    }

    public ClientOptions withToken(byte[] newToken) {
        return new ClientOptions(host, port, newToken, chunkSize, algorithm, streams, connectTimeout, readTimeout, transport);
    }

    public ClientOptions withChunkSize(int newChunkSize) {
        return new ClientOptions(host, port, token, newChunkSize, algorithm, streams, connectTimeout, readTimeout, transport);
    }

    public ClientOptions withAlgorithm(DigestAlgorithm newAlgorithm) {
        return new ClientOptions(host, port, token, chunkSize, newAlgorithm, streams, connectTimeout, readTimeout, transport);
    }

    public ClientOptions withStreams(int newStreams) {
        return new ClientOptions(host, port, token, chunkSize, algorithm, newStreams, connectTimeout, readTimeout, transport);
    }
}
