package dev.netlab.livestream.cli;

import dev.netlab.common.cli.VerboseOption;

/**
 * Commands that run a server and receivers in one process (demo, bench) would otherwise print
 * every subscriber's receiver report; they keep the log to warnings unless --verbose is given
 * or the user chose a level. Must run before the first logger is created.
 */
final class QuietLogs {

    private static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    private QuietLogs() {
    }

    static void unlessVerbose(VerboseOption verbose) {
        if (System.getProperty(LEVEL_PROPERTY) == null && !isVerbose(verbose)) {
            System.setProperty(LEVEL_PROPERTY, "warn");
        }
    }

    private static boolean isVerbose(VerboseOption verbose) {
        return verbose != null && verbose.enabled();
    }
}
