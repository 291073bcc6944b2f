package dev.netlab.livestream.cli;

import dev.netlab.common.cli.CommandFailedException;
import dev.netlab.common.cli.ExitCodes;
import dev.netlab.livestream.media.FrameSequence;
import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.media.UnsupportedAudioException;
import dev.netlab.livestream.media.WavReader;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Loads the media named on a command line and turns each refusal into one clear line with exit
 * code 2 (a bad --audio or --frames argument is a usage error: nothing was attempted yet).
 */
final class MediaLoader {

    private MediaLoader() {
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
