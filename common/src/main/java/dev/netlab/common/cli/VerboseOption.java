package dev.netlab.common.cli;

import picocli.CommandLine.Option;

/** The {@code --verbose} mixin: stack traces with errors, and debug logging. */
public final class VerboseOption {

    @Option(names = "--verbose", description = "Print stack traces with errors.")
    boolean verbose;

    public boolean enabled() {
        return verbose;
    }
}
