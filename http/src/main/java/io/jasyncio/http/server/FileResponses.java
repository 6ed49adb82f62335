package io.jasyncio.http.server;

import io.jasyncio.http.ByteRange;
import io.jasyncio.http.ETag;
import io.jasyncio.http.HttpDates;
import io.jasyncio.http.Method;
import io.jasyncio.http.Status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Files as responses: validators, conditional requests (RFC 9110 §13) and single byte ranges
 * (§14), and static directories that refuse to leave their root.
 */
final class FileResponses {
    /* Implementation notes
     *
     * Preconditions are evaluated in RFC 9110 §13.2.2's order: If-Match, else
     * If-Unmodified-Since (412); If-None-Match, else If-Modified-Since for GET/HEAD (304; a
     * failed If-None-Match on another method is 412); then If-Range guards Range. The ETag is
     * strong, made of the modification time in nanoseconds and the size (as aiohttp's), so it
     * changes whenever either does and If-Range may compare it strongly. Dates have one-second
     * resolution, so If-Modified-Since compares the file's time truncated to the second.
     */

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("md", "text/markdown; charset=utf-8"), Map.entry("csv", "text/csv; charset=utf-8"),
            Map.entry("xml", "application/xml"), Map.entry("json", "application/json"),
            Map.entry("pdf", "application/pdf"), Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"),
            Map.entry("wasm", "application/wasm"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"), Map.entry("svg", "image/svg+xml"), Map.entry("ico", "image/vnd.microsoft.icon"),
            Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"), Map.entry("ttf", "font/ttf"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("ogg", "audio/ogg"), Map.entry("wav", "audio/wav"),
            Map.entry("mp4", "video/mp4"), Map.entry("webm", "video/webm"));

    private FileResponses() {
    }

    /** The Content-Type for {@code fileName}'s extension; {@code application/octet-stream} if unknown. */
    static String contentType(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }

    /** The strong validator of a file with these attributes. */
    static ETag etag(BasicFileAttributes attrs) {
        long nanos = attrs.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
        return ETag.strong(Long.toHexString(nanos) + "-" + Long.toHexString(attrs.size()));
    }

    /** See {@link Response#file(Request, Path)}. */
    static Response file(Request request, Path path) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new HttpException(Status.NOT_FOUND);
        }
        if (!attrs.isRegularFile()) {
            throw new HttpException(attrs.isDirectory() ? Status.FORBIDDEN : Status.NOT_FOUND);
        }
        if (!Files.isReadable(path)) {
            throw new HttpException(Status.FORBIDDEN);
        }
        long size = attrs.size();
        ETag etag = etag(attrs);
        Instant modified = attrs.lastModifiedTime().toInstant();
        long modifiedSecond = modified.getEpochSecond();
        String lastModified = HttpDates.format(modifiedSecond);
        Method method = request.method();
        boolean getOrHead = method.equals(Method.GET) || method.equals(Method.HEAD);
        var h = request.headers();

        String ifMatch = h.get("If-Match");
        if (ifMatch != null) {
            if (!ETag.matchHolds(ifMatch, etag)) {
                return validators(new Response(Status.PRECONDITION_FAILED), etag, lastModified);
            }
        } else {
            Optional<Instant> since = HttpDates.parse(h.get("If-Unmodified-Since"));
            if (since.isPresent() && modifiedSecond > since.get().getEpochSecond()) {
                return validators(new Response(Status.PRECONDITION_FAILED), etag, lastModified);
            }
        }
        String ifNoneMatch = h.get("If-None-Match");
        if (ifNoneMatch != null) {
            if (ETag.noneMatchHits(ifNoneMatch, etag)) {
                return validators(new Response(getOrHead ? Status.NOT_MODIFIED : Status.PRECONDITION_FAILED), etag, lastModified);
            }
        } else if (getOrHead) {
            Optional<Instant> since = HttpDates.parse(h.get("If-Modified-Since"));
            if (since.isPresent() && modifiedSecond <= since.get().getEpochSecond()) {
                return validators(new Response(Status.NOT_MODIFIED), etag, lastModified);
            }
        }

        Response r = validators(new Response(Status.OK), etag, lastModified)
                .header("Content-Type", contentType(path.getFileName() == null ? "" : path.getFileName().toString()))
                .header("Accept-Ranges", "bytes");
        String range = h.get("Range");
        if (range != null && method.equals(Method.GET) && ifRangeHolds(h.get("If-Range"), etag, modifiedSecond)) {
            ByteRange.Result result = ByteRange.parse(range, size);
            if (result instanceof ByteRange.Unsatisfiable) {
                return r.status(Status.RANGE_NOT_SATISFIABLE)
                        .header("Content-Range", ByteRange.unsatisfiedContentRange(size))
                        .body(new ResponseBody.Empty());
            }
            if (result instanceof ByteRange.Satisfiable s) {
                List<ByteRange> ranges = s.coalesced();
                if (ranges.size() == 1) {
                    ByteRange one = ranges.get(0);
                    return r.status(Status.PARTIAL_CONTENT)
                            .header("Content-Range", one.contentRange(size))
                            .body(new ResponseBody.FileRegion(path, one.first(), one.length()));
                }
                // Several disjoint ranges would need multipart/byteranges; §14.2 lets us send all.
            }
        }
        return r.body(new ResponseBody.FileRegion(path, 0, size));
    }

    private static Response validators(Response r, ETag etag, String lastModified) {
        return r.header("ETag", etag.toString()).header("Last-Modified", lastModified);
    }

    /** RFC 9110 §13.1.5: an entity-tag must match strongly; a date must equal Last-Modified. */
    private static boolean ifRangeHolds(String ifRange, ETag etag, long modifiedSecond) {
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.strip();
        if (v.startsWith("\"") || v.startsWith("W/")) {
            try {
                return ETag.parse(v).strongMatch(etag);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return HttpDates.parse(v).map(d -> d.getEpochSecond() == modifiedSecond).orElse(false);
    }

    /**
     * A handler serving files under {@code root} by the {@code path} parameter of its route.
     * Refuses (404) any path with a {@code ..} or {@code .} segment, a backslash, a NUL, an
     * empty segment, or that leaves {@code root} through a symbolic link.
     */
    static Handler staticFiles(Path root) throws IOException {
        Path realRoot = root.toRealPath();
        if (!Files.isDirectory(realRoot)) {
            throw new IllegalArgumentException("not a directory: " + root);
        }
        return request -> {
            String rel = request.pathParam("path");
            if (rel.isEmpty() || rel.indexOf('\\') >= 0 || rel.indexOf('\0') >= 0) {
                throw new HttpException(Status.NOT_FOUND);
            }
            for (String segment : rel.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    throw new HttpException(Status.NOT_FOUND);
                }
            }
            Path target = realRoot.resolve(rel).normalize();
            Path real;
            try {
                real = target.toRealPath();
            } catch (IOException e) {
                throw new HttpException(Status.NOT_FOUND);
            }
            if (!real.startsWith(realRoot) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                throw new HttpException(Status.NOT_FOUND);
            }
            return file(request, real);
        };
    }
}
