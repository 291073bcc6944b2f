package dev.netlab.livestream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ThreadNicenessTest {

    @Test
    @Timeout(30)
    void aRenicedThreadRunsAtTheNewNiceValueWhileTheCallerKeepsItsOwn() throws Exception {
        assumeTrue(ThreadNiceness.currentThreadId().isPresent(), "needs Linux /proc/thread-self");
        long caller = ThreadNiceness.currentThreadId().getAsLong();
        int callerNice = niceOf(caller);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<OptionalLong> id = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            id.complete(ThreadNiceness.currentThreadId());
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        worker.start();
        try {
            long tid = id.get(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(ThreadNiceness.renice(Math.min(19, callerNice + 3), List.of(tid))).isNull();

            assertThat(niceOf(tid)).isEqualTo(Math.min(19, callerNice + 3));
            assertThat(niceOf(caller)).isEqualTo(callerNice);
        } finally {
            release.countDown();
            worker.join(10_000);
        }
    }

    @Test
    void noThreadIdsIsReportedNotIgnored() {
        assertThat(ThreadNiceness.renice(10, List.of())).isEqualTo("this OS does not show thread ids in /proc/thread-self");
    }

    /** Field 19 of /proc/self/task/TID/stat, counted after the parenthesised thread name. */
    private static int niceOf(long tid) throws Exception {
        String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }
}
