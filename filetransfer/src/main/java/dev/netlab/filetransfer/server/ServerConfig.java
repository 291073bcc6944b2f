package dev.netlab.filetransfer.server;

import dev.netlab.filetransfer.store.OnExists;
import dev.netlab.filetransfer.transport.PlainTransport;
import dev.netlab.filetransfer.transport.Transport;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything that shapes a {@link FileServer}. {@code token} null means no authentication.
 *
 * @param readTimeout how long a connection may stand still during a handshake or transfer
 * @param idleTimeout how long a connection may sit between requests
 * @param admission how peers that have not authenticated yet are limited ({@link Admission})
 */
public record ServerConfig(Path directory, InetSocketAddress bind, byte[] token, int maxConnections,
                           long maxFileSize, int maxFilesPerSession, OnExists onExists, boolean fsync,
                           Duration readTimeout, Duration idleTimeout, Transport transport,
                           AdmissionPolicy admission) {

    /** Every setting but admission, which takes its defaults. */
    public ServerConfig(Path directory, InetSocketAddress bind, byte[] token, int maxConnections, long maxFileSize,
                        int maxFilesPerSession, OnExists onExists, boolean fsync, Duration readTimeout,
                        Duration idleTimeout, Transport transport) {
        this(directory, bind, token, maxConnections, maxFileSize, maxFilesPerSession, onExists, fsync, readTimeout,
                idleTimeout, transport, AdmissionPolicy.DEFAULTS);
    }

    /** 64: plenty for a LAN tool, and each connection costs a thread and up to a chunk of buffer. */
    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    /** A stalled peer is dropped after 30 s without a byte during a transfer. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** A connected client may think for 5 minutes between requests. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    /** One million files per session: a whole home directory, but not an endless stream. */
    public static final int DEFAULT_MAX_FILES_PER_SESSION = 1_000_000;

    /** A loopback server on a free port with every default, for tests and the demo. */
    public static ServerConfig loopback(Path directory) {
        return new ServerConfig(directory, new InetSocketAddress("127.0.0.1", 0), null, DEFAULT_MAX_CONNECTIONS,
                Long.MAX_VALUE, DEFAULT_MAX_FILES_PER_SESSION, OnExists.RENAME, false, DEFAULT_READ_TIMEOUT,
                DEFAULT_IDLE_TIMEOUT, PlainTransport.INSTANCE);
    }

    public ServerConfig withToken(byte[] newToken) {
        return new ServerConfig(directory, bind, newToken, maxConnections, maxFileSize, maxFilesPerSession, onExists,
                fsync, readTimeout, idleTimeout, transport, admission);
    }

    public ServerConfig withTimeouts(Duration read, Duration idle) {
        return new ServerConfig(directory, bind, token, maxConnections, maxFileSize, maxFilesPerSession, onExists,
                fsync, read, idle, transport, admission);
    }

    public ServerConfig withLimits(long newMaxFileSize, int newMaxFiles, OnExists newOnExists) {
        return new ServerConfig(directory, bind, token, maxConnections, newMaxFileSize, newMaxFiles, newOnExists,
                fsync, readTimeout, idleTimeout, transport, admission);
    }

    public ServerConfig withMaxConnections(int n) {
        return new ServerConfig(directory, bind, token, n, maxFileSize, maxFilesPerSession, onExists,
                fsync, readTimeout, idleTimeout, transport, admission);
    }

    public ServerConfig withTransport(Transport newTransport) {
        return new ServerConfig(directory, bind, token, maxConnections, maxFileSize, maxFilesPerSession, onExists,
                fsync, readTimeout, idleTimeout, newTransport, admission);
    }

    public ServerConfig withAdmission(AdmissionPolicy policy) {
        return new ServerConfig(directory, bind, token, maxConnections, maxFileSize, maxFilesPerSession, onExists,
                fsync, readTimeout, idleTimeout, transport, policy);
    }
}
