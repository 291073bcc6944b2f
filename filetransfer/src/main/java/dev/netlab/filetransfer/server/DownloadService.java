package dev.netlab.filetransfer.server;

import java.io.InterruptedIOException;
import java.util.Optional;
import dev.netlab.filetransfer.engine.FileSender;
import dev.netlab.filetransfer.engine.ReplyReader;
import dev.netlab.filetransfer.engine.SenderEvents;
import dev.netlab.filetransfer.engine.SourceFile;
import dev.netlab.filetransfer.engine.SourceTree;
import dev.netlab.filetransfer.protocol.ErrorCode;
import dev.netlab.filetransfer.protocol.Handshake;
import dev.netlab.filetransfer.protocol.Message;
import dev.netlab.filetransfer.protocol.PeerConnection;
import dev.netlab.filetransfer.protocol.TransferProtocol;
import dev.netlab.filetransfer.store.PartFiles;
import dev.netlab.filetransfer.store.PathRefusedException;
import dev.netlab.filetransfer.store.ReceiveStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The server's answers to LIST and GET: listing a directory under the served root, and sending
 * files with the same {@link FileSender} the client uploads with, so downloads get the same
 * chunk checks, digests and resume. Paths go through the store's path policy; part files and
 * symlinks are never listed or served.
 */
final class DownloadService {

    private final PeerConnection connection;
    private final ReceiveStore store;

    DownloadService(PeerConnection connection, ReceiveStore store) {
        this.connection = connection;
        this.store = store;
    }

    void list(Message.ListRequest request) throws IOException {
        Path target = resolve(request.path());
        List<Message.ListingEntry> entries = new ArrayList<>();
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> children = Files.list(target)) {
                for (Path child : (Iterable<Path>) children.sorted()::iterator) {
                    entry(child).ifPresent(entries::add);
                }
            }
        } else {
            entry(target).ifPresent(entries::add);
        }
        int sent = 0;
        do {
            int end = Math.min(entries.size(), sent + TransferProtocol.MAX_LISTING_ENTRIES);
            connection.writer().listing(entries.subList(sent, end), end < entries.size());
            sent = end;
        } while (sent < entries.size());
    }

    private static Optional<Message.ListingEntry> entry(Path path) throws IOException {
        String name = path.getFileName().toString();
        BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (PartFiles.isPartFileName(name) || !(attrs.isDirectory() || attrs.isRegularFile())) {
            return Optional.empty();
        }
        return Optional.of(new Message.ListingEntry(attrs.isDirectory(), attrs.isDirectory() ? 0 : attrs.size(),
                attrs.lastModifiedTime().toMillis(), name));
    }

    void get(Message.GetRequest request) throws IOException {
        if (request.chunkSize() < TransferProtocol.MIN_CHUNK_SIZE || request.chunkSize() > TransferProtocol.MAX_CHUNK_SIZE) {
            throw Handshake.refuse(connection, ErrorCode.PROTOCOL_VIOLATION, "chunk size " + request.chunkSize()
                    + " outside " + TransferProtocol.MIN_CHUNK_SIZE + ".." + TransferProtocol.MAX_CHUNK_SIZE);
        }
        Path target = resolve(request.path());
        List<SourceFile> files = new ArrayList<>();
        for (SourceFile file : SourceTree.collect(target, "", false)) {
            if (!PartFiles.isPartFileName(file.local().getFileName().toString())) {
                files.add(file);
            }
        }
        connection.flushBeforeRead(false);
        ReplyReader replies = new ReplyReader(connection.reader(), "ft-get-replies");
        try {
            FileSender sender = new FileSender(replies, connection.writer(), connection::flush,
                    new FileSender.Options(request.chunkSize(), request.algorithm()), SenderEvents.NONE);
            sender.send(files);
            connection.writer().done(files.size());
            connection.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while serving a download");
        } finally {
            try {
                replies.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            connection.flushBeforeRead(true);
        }
    }

    private Path resolve(String wirePath) throws IOException {
        try {
            return store.paths().resolveForRead(wirePath);
        } catch (PathRefusedException e) {
            throw Handshake.refuse(connection, ErrorCode.PATH_REFUSED, e.getMessage());
        } catch (NoSuchFileException e) {
            throw Handshake.refuse(connection, ErrorCode.NOT_FOUND, "no such file or directory: " + wirePath);
        }
    }
}
