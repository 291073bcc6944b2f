package dev.netlab.common.discovery;

/** A discovery datagram that breaks {@link AnnounceFormat}; the message names the broken rule. */
public final class MalformedAnnounceException extends Exception {

    public MalformedAnnounceException(String message) {
        super(message, null, false, false);
    }
}
