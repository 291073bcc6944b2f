package dev.netlab.filetransfer.client;

import dev.netlab.filetransfer.engine.FileOutcome;
import dev.netlab.filetransfer.engine.SenderEvents;
import dev.netlab.filetransfer.engine.SourceFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs an upload's lanes, one connection each: lane 0 on the calling thread, the others on
 * threads this object starts and joins before {@link #run()} returns. If a lane fails, the
 * others finish and the first failure is rethrown.
 */
final class UploadLanes {

    private final FileClient client;
    private final List<List<SourceFile>> lanes;
    private final TransferProgress progress;
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicInteger filesSentAgain = new AtomicInteger();
    private final List<FileOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private final List<Exception> failures = Collections.synchronizedList(new ArrayList<>());

    UploadLanes(FileClient client, List<List<SourceFile>> lanes, TransferProgress progress) {
        this.client = client;
        this.lanes = lanes;
        this.progress = progress;
    }

    List<FileOutcome> run() throws IOException, InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i < lanes.size(); i++) {
            List<SourceFile> lane = lanes.get(i);
            Thread thread = new Thread(() -> runLane(lane), "ft-stream-" + i);
            thread.start();
            threads.add(thread);
        }
        runLane(lanes.get(0));
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            Exception first = failures.get(0);
            if (first instanceof IOException io) {
                throw io;
            }
            if (first instanceof InterruptedException ie) {
                throw ie;
            }
            throw (RuntimeException) first;
        }
        return List.copyOf(outcomes);
    }

    long bytesSent() {
        return bytesSent.get();
    }

    int filesSentAgain() {
        return filesSentAgain.get();
    }

    private void runLane(List<SourceFile> lane) {
        SenderEvents events = new SenderEvents() {
            @Override
            public void bytesSent(long bytes) {
                bytesSent.addAndGet(bytes);
                progress.advanced(bytes);
            }

            @Override
            public void bytesResumed(long bytes) {
                progress.advanced(bytes);
            }

            @Override
            public void fileFinished(FileOutcome outcome) {
                outcomes.add(outcome);
                progress.fileFinished(outcome);
            }

            @Override
            public void sourceRestarted(String path) {
                filesSentAgain.incrementAndGet();
            }

            @Override
            public void aboutToRead(int index) {
                progress.aboutToRead(index);
            }
        };
        try {
            if (!lane.isEmpty()) {
                client.sendOn(lane, events);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            failures.add(e);
        }
    }
}
