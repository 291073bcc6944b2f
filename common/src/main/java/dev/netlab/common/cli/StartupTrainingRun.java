package dev.netlab.common.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.io.file.PathUtils;

/**
 * Runs the workload a tool's launcher records its start-up cache from ({@code bin/netlab-launch}):
 * in a fresh temporary folder that is deleted afterwards, then exits 0 when no step failed and 1
 * otherwise, so the launcher keeps a cache only from a run that did what a user's would.
 */
public final class StartupTrainingRun {

    /** The steps of one tool's training; returns how many of them failed. */
    public interface Workload {
        int run(Path work) throws Exception;
    }

    private StartupTrainingRun() {
    }

    public static void runAndExit(Workload workload) throws Exception {
        Path work = Files.createTempDirectory("netlab-training-");
        int failures;
        try {
            failures = workload.run(work);
        } finally {
            PathUtils.deleteDirectory(work);
        }
        System.exit(failures == 0 ? 0 : 1);
    }
}
