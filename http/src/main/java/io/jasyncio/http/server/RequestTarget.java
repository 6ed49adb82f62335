package io.jasyncio.http.server;

/** Splits a request target into its raw path and raw query (see {@link Request#rawPath}). */
final class RequestTarget {
    private RequestTarget() {
    }

    /**
     * {@code {rawPath, rawQuery}} of {@code target}: origin-form up to {@code ?}; the path of an
     * absolute-form target ({@code /} when it has none); {@code *} as it is; empty strings for
     * the authority-form. A fragment (which clients must not send) is dropped.
     */
    static String[] split(String t) {
        int start = 0;
        if (!t.startsWith("/") && !t.equals("*")) {
            int scheme = t.indexOf("://");
            if (scheme < 0) {
                return new String[] {"", ""};
            }
            start = scheme + 3;
            while (start < t.length() && t.charAt(start) != '/' && t.charAt(start) != '?') {
                start++;
            }
        }
        int end = t.length();
        int hash = t.indexOf('#', start);
        if (hash >= 0) {
            end = hash;
        }
        String query = "";
        int q = t.indexOf('?', start);
        if (q >= 0 && q < end) {
            query = t.substring(q + 1, end);
            end = q;
        }
        return new String[] {start == end ? "/" : t.substring(start, end), query};
    }
}
