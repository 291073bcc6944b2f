package dev.netlab.filetransfer.stripe;

import dev.netlab.filetransfer.engine.FileOutcome;
import dev.netlab.filetransfer.protocol.ErrorCode;
import dev.netlab.filetransfer.protocol.FileStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds the per-connection results of a striped file into one outcome: the stripe that
 * completed the file carries the verdict, the others report STORED. Any failed stripe fails
 * the file; a file whose stripes all say STORED was never completed, which is a failure too.
 */
public final class StripeMerger {

    private StripeMerger() {
    }

    public static List<FileOutcome> merge(List<FileOutcome> outcomes) {
        Map<String, List<FileOutcome>> byPath = new LinkedHashMap<>();
        for (FileOutcome outcome : outcomes) {
            byPath.computeIfAbsent(outcome.path(), p -> new ArrayList<>()).add(outcome);
        }
        List<FileOutcome> merged = new ArrayList<>();
        for (List<FileOutcome> parts : byPath.values()) {
            merged.add(parts.size() == 1 && parts.get(0).status() != FileStatus.STORED ? parts.get(0) : fold(parts));
        }
        return merged;
    }

    private static FileOutcome fold(List<FileOutcome> parts) {
        FileOutcome verdict = null;
        long resumed = 0;
        int retransmitted = 0;
        for (FileOutcome part : parts) {
            resumed = Math.max(resumed, part.resumedBytes());
            retransmitted += part.chunksRetransmitted();
            if (part.status() == FileStatus.FAILED || verdict == null && part.status() != FileStatus.STORED) {
                verdict = part;
            }
        }
        FileOutcome first = parts.get(0);
        if (verdict == null) {
            return new FileOutcome(first.path(), false, first.size(), FileStatus.FAILED, ErrorCode.UNKNOWN,
                    "every stripe was stored but none completed the file", first.algorithm(), null, resumed,
                    retransmitted, null);
        }
        return new FileOutcome(verdict.path(), false, verdict.size(), verdict.status(), verdict.code(), verdict.message(),
                verdict.algorithm(), verdict.digestHex(), resumed, retransmitted, verdict.storedAs());
    }
}
