package io.jasyncio.http.client;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The lenient cookie-date parser of RFC 6265 §5.1.1, which reads the {@code Expires} formats
 * servers really send (RFC 1123, RFC 850 with dashes and two-digit years, asctime, and their
 * variations) where {@code HttpDates} reads only the three HTTP forms exactly.
 */
final class CookieDates {
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

    private CookieDates() {
    }

    /** Epoch millis of a cookie-date, or {@code Long.MIN_VALUE} when it is not one. */
    static long parse(String s) {
        int hour = -1, minute = -1, second = -1, day = -1, month = -1, year = -1;
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && isDelimiter(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isDelimiter(s.charAt(i))) {
                i++;
            }
            if (start == i) {
                continue;
            }
            String token = s.substring(start, i);
            int[] time;
            int v;
            if (hour < 0 && (time = time(token)) != null) {
                hour = time[0];
                minute = time[1];
                second = time[2];
            } else if (day < 0 && (v = digits(token, 1, 2)) >= 0) {
                day = v;
            } else if (month < 0 && (v = month(token)) >= 0) {
                month = v;
            } else if (year < 0 && (v = digits(token, 2, 4)) >= 0) {
                year = v;
            }
        }
        if (year >= 70 && year <= 99) {
            year += 1900;
        } else if (year >= 0 && year <= 69) {
            year += 2000;
        }
        if (hour < 0 || day < 1 || day > 31 || month < 0 || year < 1601 || hour > 23 || minute > 59 || second > 59) {
            return Long.MIN_VALUE;
        }
        try {
            return LocalDateTime.of(year, month + 1, day, hour, minute, second).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeException e) {
            return Long.MIN_VALUE; // 31 April and the like
        }
    }

    private static boolean isDelimiter(char c) {
        return c == 0x09 || (c >= 0x20 && c <= 0x2F) || (c >= 0x3B && c <= 0x40) || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
    }

    /** The value of {@code min..max} leading digits followed by nothing or a non-digit, else -1. */
    private static int digits(String t, int min, int max) {
        int k = 0;
        while (k < t.length() && k <= max && Character.isDigit(t.charAt(k)) && t.charAt(k) < 0x80) {
            k++;
        }
        if (k < min || k > max) {
            return -1;
        }
        return Integer.parseInt(t.substring(0, k));
    }

    /** hh:mm:ss, each 1-2 digits, optionally followed by a non-digit and anything; else null. */
    private static int[] time(String t) {
        int[] out = new int[3];
        int p = 0;
        for (int f = 0; f < 3; f++) {
            int start = p;
            while (p < t.length() && p - start < 3 && t.charAt(p) >= '0' && t.charAt(p) <= '9') {
                p++;
            }
            if (p - start < 1 || p - start > 2) {
                return null;
            }
            out[f] = Integer.parseInt(t.substring(start, p));
            if (f < 2) {
                if (p >= t.length() || t.charAt(p) != ':') {
                    return null;
                }
                p++;
            }
        }
        return out;
    }

    private static int month(String t) {
        if (t.length() < 3) {
            return -1;
        }
        String m = t.substring(0, 3).toLowerCase(Locale.ROOT);
        for (int i = 0; i < 12; i++) {
            if (MONTHS[i].equals(m)) {
                return i;
            }
        }
        return -1;
    }
}
