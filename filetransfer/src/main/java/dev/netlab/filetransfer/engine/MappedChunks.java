package dev.netlab.filetransfer.engine;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Maps one chunk of a source file at a time, so the CRC32C and the digest read the page cache
 * in place (no read() copy) while the socket gets the same bytes by sendfile. Each mapping is
 * released as soon as the chunk is done rather than whenever the garbage collector runs, using
 * {@code sun.misc.Unsafe.invokeCleaner} where the runtime offers it.
 */
final class MappedChunks {

    private static final Object UNSAFE;
    private static final Method INVOKE_CLEANER;

    static {
        Object unsafe = null;
        Method cleaner = null;
        try {
            Class<?> type = Class.forName("sun.misc.Unsafe");
            Field field = type.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            unsafe = field.get(null);
            cleaner = type.getMethod("invokeCleaner", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // no early unmapping: mappings are released by the garbage collector instead
        }
        UNSAFE = unsafe;
        INVOKE_CLEANER = cleaner;
    }

    private MappedChunks() {
    }

    static MappedByteBuffer map(FileChannel channel, long position, int length) throws IOException {
        return channel.map(FileChannel.MapMode.READ_ONLY, position, length);
    }

    static void unmap(MappedByteBuffer buffer) {
        if (INVOKE_CLEANER == null || buffer.capacity() == 0) {
            return;
        }
        try {
            INVOKE_CLEANER.invoke(UNSAFE, buffer);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // left to the garbage collector
        }
    }
}
