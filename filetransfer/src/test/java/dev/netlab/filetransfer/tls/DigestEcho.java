package dev.netlab.filetransfer.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The tests' application protocol: the client sends bytes and half-closes; the server answers
 * with the SHA-256 of everything it received. Equal digests mean the bytes arrived intact.
 */
final class DigestEcho {

    static final int DIGEST_LENGTH = 32;
    private static final int BUFFER_SIZE = 64 * 1024;

    private DigestEcho() {
    }

    static void serve(TlsConnection connection) throws IOException {
        serve(connection.getInputStream(), connection.getOutputStream());
    }

    static void serve(Socket socket) throws IOException {
        serve(socket.getInputStream(), socket.getOutputStream());
    }

    private static void serve(InputStream in, OutputStream out) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[BUFFER_SIZE];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            digest.update(buffer, 0, n);
        }
        out.write(digest.digest());
        out.flush();
    }

    /** Sends {@code data}, half-closes (close_notify) and returns the digest the server computed. */
    static byte[] send(TlsConnection connection, byte[] data) throws IOException {
        OutputStream out = connection.getOutputStream();
        out.write(data);
        out.flush();
        connection.shutdownOutput();
        return connection.getInputStream().readNBytes(DIGEST_LENGTH);
    }

    /** Sends {@code data}, half-closes and returns the digest the server computed. */
    static byte[] send(Socket socket, byte[] data) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(data);
        out.flush();
        socket.shutdownOutput();
        return socket.getInputStream().readNBytes(DIGEST_LENGTH);
    }

    static byte[] sha256(byte[] data) {
        return sha256().digest(data);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
