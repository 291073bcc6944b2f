package dev.netlab.livestream.receiver;

import dev.netlab.common.report.Interval;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import dev.netlab.common.metrics.Percentiles;

/**
 * The receive loop's own counts (datagrams dropped before they reach a session) and the
 * arithmetic that turns a session's counts into per-second intervals, receiver-report
 * fractions, a status line and the final {@link PlayResult}. Not thread-safe.
 */
final class ReceiverCounters {

    long foreign;
    long malformed;
    private double lastIntervalEnd;
    private long reportedExpected;
    private long reportedLost;
    private final Map<String, Long> lastTotals = new LinkedHashMap<>();

    /** RTCP-style fraction lost since the previous report, in 1/256. */
    int fractionLost(long expected, long lost) {
        long e = expected - reportedExpected;
        long l = lost - reportedLost;
        reportedExpected = expected;
        reportedLost = lost;
        return e <= 0 || l <= 0 ? 0 : (int) Math.min(255, l * 256 / e);
    }

    private Map<String, Long> totals(SessionPlayout p) {
        Map<String, Long> t = new LinkedHashMap<>();
        AudioJitterBuffer a = p == null ? null : p.audio();
        t.put("received", a == null ? 0 : a.received());
        t.put("recoveredByFec", a == null ? 0 : a.recoveredByFec());
        t.put("recoveredByRetransmit", a == null ? 0 : a.recoveredByRetransmit());
        t.put("concealed", a == null ? 0 : a.concealed());
        t.put("late", a == null ? 0 : a.late());
        t.put("duplicate", a == null ? 0 : a.duplicate());
        t.put("malformed", malformed + foreign + (p == null ? 0 : p.malformed() + a.invalid()));
        t.put("framesComplete", p == null ? 0 : p.frames().complete());
        t.put("framesFrozen", p == null ? 0 : p.frames().frozen());
        return t;
    }

    /** Counts during [previous interval end, now], plus gauges (jitter, playout delay, the interval's highest latency). */
    Interval interval(long startNanos, long nowNanos, SessionPlayout p) {
        Map<String, Long> t = totals(p);
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : t.entrySet()) {
            values.put(e.getKey(), (double) (e.getValue() - lastTotals.getOrDefault(e.getKey(), 0L)));
        }
        lastTotals.putAll(t);
        values.put("jitterMs", p == null ? 0 : p.clock().jitterNanos() / 1e6);
        values.put("playoutDelayMs", p == null ? 0 : p.clock().delayNanos() / 1e6);
        values.put("latencyMaxMs", p == null ? 0 : p.takeIntervalMaxLatencyNanos() / 1e6);
        double end = (nowNanos - startNanos) / 1e9;
        Interval interval = new Interval(lastIntervalEnd, end, values);
        lastIntervalEnd = end;
        return interval;
    }

    String statusLine(SessionPlayout p) {
        if (p == null) {
            return "waiting for the server";
        }
        AudioJitterBuffer a = p.audio();
        return String.format(Locale.ROOT, "played %d  fec %d  rtx %d  concealed %d  late %d  jitter %.2f ms  delay %d ms",
                a.received() + a.recoveredByFec() + a.recoveredByRetransmit() + a.concealed(), a.recoveredByFec(),
                a.recoveredByRetransmit(), a.concealed(), a.late(), p.clock().jitterNanos() / 1e6,
                p.clock().delayNanos() / 1_000_000);
    }

    PlayResult result(SessionPlayout p, SessionEnd end, long outputFrames) {
        Map<String, Long> t = totals(p);
        long received = t.get("received");
        long fec = t.get("recoveredByFec");
        long rtx = t.get("recoveredByRetransmit");
        long concealed = t.get("concealed");
        long expected = received + fec + rtx + concealed;
        Percentiles h = p == null ? new Percentiles(0, 0, 0, 0, 0) : p.latency().snapshot();
        PlayResult.Latency latency = new PlayResult.Latency(h.p50Ms(), h.p99Ms(), h.maxMs());
        PlayResult.Frames frames = p == null ? new PlayResult.Frames(0, 0, 0, 0)
                : new PlayResult.Frames(p.frames().complete(), p.frames().frozen(), p.frames().late(), p.frames().duplicate());
        double onTime = expected == 0 ? 0 : 100.0 * (expected - concealed) / expected;
        double residual = expected == 0 ? 0 : 100.0 * concealed / expected;
        return new PlayResult(end.ok(), end.exitCode(), end.why(), expected, received, expected - received, fec, rtx, concealed, t.get("late"),
                t.get("duplicate"), t.get("malformed"), p == null ? 0 : p.clock().jitterNanos() / 1e6, latency, frames,
                onTime, residual, p == null ? 0 : p.nacksSent(), p == null ? 0 : p.clock().delayNanos() / 1e6, null,
                outputFrames, p == null ? null : p.info().fecSpec());
    }
}
