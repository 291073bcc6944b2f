package dev.netlab.lab.media;

import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.receiver.AudioConcealer;

/**
 * The audio a receiver plays for a {@link PlayoutTimeline}: the source's own samples in the
 * slots played on time, livestream's concealment (waveform continuation fading to silence) in
 * the others, so the output can be scored against the source as livestream's output is.
 * The concealer is never given the packet after a gap: over TCP it cannot have arrived
 * (see {@link TcpPlayout}). Stateless.
 */
public final class ConcealedPlayback {

    private ConcealedPlayback() {
    }

    /** The played audio: exactly the source's length, slot k holding frames [k*spp, (k+1)*spp). */
    public static PcmAudio render(PcmAudio source, int framesPerSlot, PlayoutTimeline timeline) {
        byte[] out = new byte[source.frameCount() * source.format().bytesPerFrame()];
        AudioConcealer concealer = new AudioConcealer(source.format());
        int at = 0;
        for (int slot = 0; slot < timeline.slots(); slot++) {
            byte[] own = source.slice(slot * framesPerSlot, framesPerSlot);
            if (own.length == 0) {
                break;
            }
            int frames = own.length / source.format().bytesPerFrame();
            byte[] played = timeline.onTime(slot) ? own : concealer.conceal(frames, frames, null).clone();
            concealer.played(played, !timeline.onTime(slot));
            System.arraycopy(played, 0, out, at, played.length);
            at += played.length;
        }
        return new PcmAudio(source.format(), out);
    }

    /**
     * Which slots of {@code played} hold exactly the source's samples: for a receiver that only
     * writes its output (livestream), a slot whose samples equal the source's was played with its
     * own audio (received, or rebuilt by FEC or retransmission); any other slot was concealed.
     */
    public static PlayoutTimeline compare(PcmAudio source, PcmAudio played, int framesPerSlot, long slotNanos) {
        int slots = (source.frameCount() + framesPerSlot - 1) / framesPerSlot;
        boolean[] onTime = new boolean[slots];
        for (int slot = 0; slot < slots; slot++) {
            onTime[slot] = java.util.Arrays.equals(source.slice(slot * framesPerSlot, framesPerSlot),
                    played.slice(slot * framesPerSlot, framesPerSlot));
        }
        return new PlayoutTimeline(onTime, slotNanos);
    }
}
