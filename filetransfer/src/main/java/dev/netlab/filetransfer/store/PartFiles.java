package dev.netlab.filetransfer.store;

import java.nio.file.Path;

/**
 * Names of the hidden files that stand beside a destination while it arrives: the part file
 * holding the bytes (".NAME.nlpart") and its resume ledger (".NAME.nlpart.ledger"). Neither is
 * ever the final name, so a crash of either side leaves no half-written file under it.
 */
public final class PartFiles {

    public static final String PART_SUFFIX = ".nlpart";
    public static final String LEDGER_SUFFIX = ".nlpart.ledger";

    private PartFiles() {
    }

    public static Path partFor(Path destination) {
        return destination.resolveSibling("." + destination.getFileName() + PART_SUFFIX);
    }

    public static Path ledgerFor(Path destination) {
        return destination.resolveSibling("." + destination.getFileName() + LEDGER_SUFFIX);
    }

    public static boolean isPartFileName(String name) {
        return name.startsWith(".") && (name.endsWith(PART_SUFFIX) || name.endsWith(LEDGER_SUFFIX));
    }
}
