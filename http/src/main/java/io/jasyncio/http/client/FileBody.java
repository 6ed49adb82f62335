package io.jasyncio.http.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file streamed from disk. Each piece is read on a worker thread, so a slow or cold disk stalls
 * this request only, never the loop; the next piece is read once the connection took the last
 * one, so memory stays at one piece per request whatever the file's size.
 */
final class FileBody implements Payload {
    /** Large enough that the thread hop per piece costs little, small enough to keep memory per upload low. */
    static final int PIECE = 256 * 1024;

    private final Path path;
    private final long length;
    private final String contentType;

    private FileBody(Path path, long length, String contentType) {
        this.path = path;
        this.length = length;
        this.contentType = contentType;
    }

    static FileBody of(Path path, String contentType) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("not a readable regular file: " + path);
        }
        return new FileBody(path, Files.size(path), contentType);
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public String contentType() {
        return contentType;
    }

    @Override
    public boolean replayable() {
        return true;
    }

    @Override
    public void writeTo(PayloadSink sink) throws IOException {
        FileChannel ch = BodyFiles.io(() -> FileChannel.open(path, StandardOpenOption.READ));
        try {
            long sent = 0;
            while (sent < length) {
                long at = sent;
                ByteBuffer piece = BodyFiles.io(() -> {
                    ByteBuffer b = ByteBuffer.allocate((int) Math.min(PIECE, length - at));
                    while (b.hasRemaining()) {
                        if (ch.read(b, at + b.position()) < 0) {
                            break;
                        }
                    }
                    return b.flip();
                });
                if (!piece.hasRemaining()) {
                    throw new IOException(path + " shrank to " + sent + " bytes while being sent (" + length + " announced)");
                }
                sent += piece.remaining();
                sink.write(piece);
            }
        } finally {
            ch.close();
        }
    }

    @Override
    public String toString() {
        return "Payload.file(" + path + ", " + length + " bytes)";
    }
}
