package dev.netlab.common.discovery;

/**
 * What a discovery receiver has seen and dropped since it started.
 *
 * @param accepted well-formed datagrams let through
 * @param malformed datagrams that broke {@link AnnounceFormat}
 * @param oversized datagrams longer than {@link AnnounceFormat#MAX_DATAGRAM}
 * @param flooding datagrams over their source's rate limit
 * @param tableFull announces of new peers dropped because the peer table was full
 */
public record DiscoveryCounters(long accepted, long malformed, long oversized, long flooding, long tableFull) {
}
