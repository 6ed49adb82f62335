package io.jasyncio.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The iterator of {@link AsyncFile#lines(Charset)}: decodes the file chunk by chunk and splits
 * the text at {@code \n}, {@code \r\n} and {@code \r}.
 */
final class Lines implements Iterator<String> {
    /*
     * Implementation notes.
     *
     * `text` holds decoded characters not yet handed out, from index `start`; `in` holds bytes
     * read but not yet decoded (a multi-byte character split across chunks). A '\r' at the very
     * end of `text` cannot be judged until the next character is known, so more is read first
     * (or the end of the file decides). A read advances the file's position only after it
     * returned, so a cancelled hasNext() leaves everything as it was.
     */
    private final AsyncFile file;
    private final CharsetDecoder decoder;
    private final ByteBuffer in;
    private final CharBuffer out;
    private final StringBuilder text = new StringBuilder();
    private int start;
    private boolean eof;
    private String next;
    /** A decoding error, thrown once the lines before it are handed out. */
    private IOException failure;

    Lines(AsyncFile file, Charset charset, int chunk) {
        this.file = file;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.in = ByteBuffer.allocate(chunk);
        this.out = CharBuffer.allocate(chunk + 16);
    }

    @Override
    public boolean hasNext() {
        try {
            while (next == null) {
                next = takeLine();
                if (next != null) {
                    break;
                }
                if (failure != null) {
                    throw failure;
                }
                if (eof && start == text.length()) {
                    break;
                }
                if (eof) {
                    next = text.substring(start);
                    start = text.length();
                    break;
                }
                readMore();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return next != null;
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String line = next;
        next = null;
        return line;
    }

    /** The next whole line in `text`, or null if more must be read to find its end. */
    private String takeLine() {
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                int end = i + 1;
                if (c == '\r') {
                    if (i + 1 == text.length() && !eof) {
                        return null;
                    }
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        end++;
                    }
                }
                String line = text.substring(start, i);
                start = end;
                if (start > 4096 && start > text.length() / 2) {
                    text.delete(0, start);
                    start = 0;
                }
                return line;
            }
        }
        return null;
    }

    private void readMore() throws IOException {
        int n = file.fill("lines", in, file.position(), true);
        if (n > 0) {
            file.advance(n);
        }
        in.flip();
        boolean last = n < 0;
        decode(last);
        if (last && failure == null) {
            decodeFlush();
            eof = true;
        }
        in.compact();
    }

    private void decode(boolean last) throws IOException {
        while (true) {
            CoderResult r = decoder.decode(in, out, last);
            drainOut();
            if (r.isOverflow()) {
                continue;
            }
            if (r.isError()) {
                try {
                    r.throwException();
                } catch (IOException e) {
                    failure = e;
                    // The text before the error is whole lines or a line cut by the error.
                    eof = true;
                }
            }
            return;
        }
    }

    private void decodeFlush() throws IOException {
        while (true) {
            CoderResult r = decoder.flush(out);
            drainOut();
            if (!r.isOverflow()) {
                return;
            }
        }
    }

    private void drainOut() {
        out.flip();
        text.append(out);
        out.clear();
    }
}
