package dev.netlab.livestream.cli;

import dev.netlab.common.cli.ExitCodes;
import dev.netlab.livestream.media.SampleMediaGenerator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code livestream generate-samples} (hidden): makes samples/media again. */
@Command(name = "generate-samples", hidden = true, mixinStandardHelpOptions = true,
        description = "Write the sample WAV and JPEG frames (deterministic) and, with ffmpeg, sample.mp4 into --out.")
public final class GenerateSamplesCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "samples/media", description = "Default: ${DEFAULT-VALUE}.")
    Path out;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        SampleMediaGenerator.generate(out);
        SampleMediaGenerator.generateVideo(out);
        return ExitCodes.OK;
    }
}
