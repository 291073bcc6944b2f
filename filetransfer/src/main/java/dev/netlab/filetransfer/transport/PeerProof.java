package dev.netlab.filetransfer.transport;

import java.io.IOException;

/**
 * Implemented by the input channel of a transport that can prove who the peer is before the
 * protocol starts (LAN pairing). The server session asks it first: a proven peer needs no token;
 * one that did not take part in the proof is left to the protocol's own authentication.
 */
public interface PeerProof {

    /**
     * Runs the proof if the peer takes part in it, on the calling (session) thread.
     *
     * @return true when the peer proved itself; false when it did not take part (and its bytes
     *     are left unread for the protocol)
     * @throws IOException when it took part and failed, or the connection failed
     */
    boolean prove() throws IOException;
}
