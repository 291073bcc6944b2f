package dev.netlab.filetransfer.protocol;

import dev.netlab.common.frame.ProtocolViolationException;
import java.io.EOFException;
import java.io.IOException;

/**
 * Both sides of the opening exchange: HELLO, WELCOME, and with a token AUTH and AUTH_OK. A wrong
 * magic or version is answered with an ERROR that says what this side speaks, then closed.
 */
public final class Handshake {

    /** What to do about a version mismatch; both sides of a connection must run the same release. */
    static final String SAME_RELEASE = "run the same netlab release on both sides";

    private Handshake() {
    }

    /** Client side. Returns once the server has accepted us; the connection is then in session. */
    public static void asClient(PeerConnection connection, byte[] token) throws IOException {
        asClient(connection, token, TransferProtocol.VERSION);
    }

    /** Speaking another version than this build's lets tests play an older or newer client. */
    static void asClient(PeerConnection connection, byte[] token, int version) throws IOException {
        connection.writer().hello(TransferProtocol.MAGIC, version);
        Message reply = expectReply(connection);
        if (!(reply instanceof Message.Welcome welcome)) {
            throw new ProtocolViolationException("expected WELCOME, got " + reply.getClass().getSimpleName());
        }
        if (welcome.version() != version) {
            throw new RemoteRefusalException(ErrorCode.UNSUPPORTED_VERSION, "server speaks filetransfer protocol version "
                    + welcome.version() + ", this client version " + version + ": " + SAME_RELEASE);
        }
        if (welcome.tokenRequired()) {
            if (token == null) {
                throw new AuthenticationRefusedException("authentication refused: the server requires a token (--token-file)");
            }
            connection.writer().auth(TokenMac.prove(token, welcome.nonce()));
            Message answer = expectReply(connection);
            if (!(answer instanceof Message.AuthOk)) {
                throw new ProtocolViolationException("expected AUTH_OK, got " + answer.getClass().getSimpleName());
            }
        }
        connection.enterSession();
    }

    private static Message expectReply(PeerConnection connection) throws IOException {
        Message reply = connection.reader().next();
        if (reply == null) {
            throw new EOFException("server closed the connection during the handshake");
        }
        if (reply instanceof Message.ErrorMessage error) {
            if (error.code() == ErrorCode.AUTH_FAILED || error.code() == ErrorCode.AUTH_REQUIRED) {
                throw new AuthenticationRefusedException("authentication refused: " + error.text());
            }
            throw new RemoteRefusalException(error.code(), "server refused: " + error.text());
        }
        return reply;
    }

    /**
     * Asked by the server side once the peer has proved itself, before it is told so: the place to
     * trade an unauthenticated connection's place for a session slot.
     */
    @FunctionalInterface
    public interface SessionGate {
        /** @return false when there is no room for another session; the peer is then refused as busy */
        boolean authenticated() throws IOException;
    }

    /** Server side, with no limit on sessions. */
    public static boolean asServer(PeerConnection connection, byte[] token) throws IOException {
        return asServer(connection, token, () -> true);
    }

    /**
     * Server side.
     *
     * @param gate asked after the peer's HELLO (and with a token its AUTH) checked out, before
     *             WELCOME (or AUTH_OK) tells it that it is in
     * @return false when the peer left before saying anything
     * @throws PeerRefusedException when the peer was refused (an ERROR went out to it)
     */
    public static boolean asServer(PeerConnection connection, byte[] token, SessionGate gate) throws IOException {
        Message first = connection.reader().next();
        if (first == null) {
            return false;
        }
        MessageWriter out = connection.writer();
        if (!(first instanceof Message.Hello hello)) {
            throw refuse(connection, ErrorCode.PROTOCOL_VIOLATION, "expected HELLO first, got " + first.getClass().getSimpleName());
        }
        if (hello.magic() != TransferProtocol.MAGIC) {
            throw refuse(connection, ErrorCode.BAD_MAGIC, String.format(
                    "not a netlab filetransfer client: magic 0x%08x, expected 0x%08x", hello.magic(), TransferProtocol.MAGIC));
        }
        if (hello.version() != TransferProtocol.VERSION) {
            throw refuse(connection, ErrorCode.UNSUPPORTED_VERSION, "client speaks filetransfer protocol version "
                    + hello.version() + ", this server version " + TransferProtocol.VERSION + ": " + SAME_RELEASE);
        }
        byte[] nonce = TokenMac.newNonce();
        if (token == null) {
            admit(connection, gate);
        }
        out.welcome(token != null, nonce);
        if (token != null) {
            connection.flush();
            Message auth = connection.reader().next();
            if (auth == null) {
                throw new PeerRefusedException(ErrorCode.AUTH_REQUIRED, "left without proving a token");
            }
            if (!(auth instanceof Message.Auth proof) || !TokenMac.verify(token, nonce, proof.mac())) {
                throw refuse(connection, ErrorCode.AUTH_FAILED, "wrong token");
            }
            admit(connection, gate);
            out.authOk();
        }
        connection.flush();
        connection.enterSession();
        return true;
    }

    private static void admit(PeerConnection connection, SessionGate gate) throws IOException {
        if (!gate.authenticated()) {
            throw refuse(connection, ErrorCode.BUSY, "the server is serving as many connections as it may; try again later");
        }
    }

    /** Sends an ERROR the peer can print; returns the exception for the caller to throw and log. */
    public static PeerRefusedException refuse(PeerConnection connection, ErrorCode code, String text) throws IOException {
        connection.writer().error(code, text);
        connection.flush();
        return new PeerRefusedException(code, text);
    }
}
