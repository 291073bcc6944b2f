package dev.netlab.livestream.cli;

import dev.netlab.common.cli.CommandFailedException;
import dev.netlab.common.cli.ExitCodes;
import dev.netlab.livestream.media.AudioFormat;
import dev.netlab.livestream.media.ClipSource;
import dev.netlab.livestream.media.FfmpegDecoder;
import dev.netlab.livestream.media.FrameSequence;
import dev.netlab.livestream.media.LiveSource;
import dev.netlab.livestream.media.MediaSource;
import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.media.UnsupportedAudioException;
import dev.netlab.livestream.media.UnsupportedMediaException;
import dev.netlab.livestream.media.WavReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Loads the media named on a command line and turns each refusal into one clear line with exit
 * code 2 (a bad --audio or --frames argument is a usage error: nothing was attempted yet).
 */
final class MediaLoader {

    private MediaLoader() {
    }

    /** The media {@code serve} sends: exactly one of --audio WAV, --audio - or --media FILE. */
    static MediaSource source(Path audio, Path media, Path frames, Integer rate, Integer channels, double fps,
                              InputStream stdin) {
        if ((audio == null) == (media == null)) {
            throw new CommandFailedException(ExitCodes.USAGE, "give exactly one of --audio WAV, --audio - or --media FILE");
        }
        boolean live = audio != null && audio.toString().equals("-");
        if (!live && (rate != null || channels != null)) {
            throw new CommandFailedException(ExitCodes.USAGE, "--rate and --channels describe --audio - (standard input) only");
        }
        if (frames != null && (live || media != null)) {
            throw new CommandFailedException(ExitCodes.USAGE, "--frames goes with --audio WAV; --media brings its own video");
        }
        if (media != null) {
            try {
                return FfmpegDecoder.open(media, fps);
            } catch (UnsupportedMediaException e) {
                throw new CommandFailedException(ExitCodes.USAGE, "--media " + e.getMessage());
            } catch (IOException e) {
                throw new CommandFailedException(ExitCodes.USAGE, "--media " + media + ": cannot start ffmpeg: " + e.getMessage());
            }
        }
        if (live) {
            if (rate == null || channels == null) {
                throw new CommandFailedException(ExitCodes.USAGE, "--audio - (standard input) needs --rate HZ and --channels N");
            }
            try {
                return LiveSource.ofPcm("standard input", new AudioFormat(rate, channels), stdin);
            } catch (IllegalArgumentException e) {
                throw new CommandFailedException(ExitCodes.USAGE, "--audio -: " + e.getMessage());
            }
        }
        PcmAudio pcm = audio(audio, "--audio");
        if (pcm.frameCount() == 0) {
            throw new CommandFailedException(ExitCodes.USAGE, "--audio " + audio + ": holds no samples");
        }
        return new ClipSource(pcm, frames(frames));
    }

    static PcmAudio audio(Path wav, String option) {
        try {
            return WavReader.read(wav);
        } catch (UnsupportedAudioException e) {
            throw new CommandFailedException(ExitCodes.USAGE, option + " " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new CommandFailedException(ExitCodes.USAGE, option + " " + wav + ": no such file");
        } catch (IOException e) {
            throw new CommandFailedException(ExitCodes.USAGE, option + " " + wav + ": " + e.getMessage());
        }
    }

    static FrameSequence frames(Path dir) {
        if (dir == null) {
            return null;
        }
        try {
            return FrameSequence.load(dir);
        } catch (IOException e) {
            throw new CommandFailedException(ExitCodes.USAGE, "--frames: " + e.getMessage());
        }
    }
}
