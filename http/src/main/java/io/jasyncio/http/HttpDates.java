package io.jasyncio.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * HTTP dates (RFC 9110 §5.6.7): {@link #format} writes the IMF-fixdate form
 * ({@code Sun, 06 Nov 1994 08:49:37 GMT}) that senders must use; {@link #parse} reads it and the
 * two obsolete forms recipients must still accept, RFC 850 ({@code Sunday, 06-Nov-94 08:49:37 GMT})
 * and ANSI C's asctime ({@code Sun Nov  6 08:49:37 1994}).
 *
 * <p>Parsing is exact: fixed field widths, case-sensitive names, GMT only, no surrounding
 * whitespace; the weekday must be a valid name but is not checked against the date (RFC 9110
 * does not ask for it, and a mismatch says nothing useful). Anything else is empty, which for a
 * conditional header means "ignore the header" (RFC 9110 §13.1.3). Python's
 * {@code email.utils.parsedate_to_datetime}, which aiohttp uses, is far more lenient.
 * Thread-safe: no state.
 */
public final class HttpDates {
    private static final String[] DAYS = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    private static final String[] LONG_DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private HttpDates() {
    }

    /**
     * Formats {@code instant} (to the second, fraction dropped) as an IMF-fixdate.
     *
     * @throws IllegalArgumentException if its year is outside 0000-9999
     */
    public static String format(Instant instant) {
        return format(instant.getEpochSecond());
    }

    /**
     * Formats a time given in seconds since the epoch as an IMF-fixdate.
     *
     * @throws IllegalArgumentException if its year is outside 0000-9999
     */
    public static String format(long epochSecond) {
        long days = Math.floorDiv(epochSecond, 86_400);
        int secs = (int) Math.floorMod(epochSecond, 86_400);
        // Civil date from days since 1970-01-01 (the era-based algorithm, proleptic Gregorian).
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("year " + year + " has no IMF-fixdate form");
        }
        char[] c = "Thu, 01 Jan 1970 00:00:00 GMT".toCharArray();
        String dow = DAYS[(int) Math.floorMod(days + 4, 7)];
        dow.getChars(0, 3, c, 0);
        two(c, 5, day);
        MONTHS[month - 1].getChars(0, 3, c, 8);
        two(c, 12, (int) (year / 100));
        two(c, 14, (int) (year % 100));
        two(c, 17, secs / 3600);
        two(c, 20, secs / 60 % 60);
        two(c, 23, secs % 60);
        return new String(c);
    }

    private static void two(char[] c, int at, int v) {
        c[at] = (char) ('0' + v / 10);
        c[at + 1] = (char) ('0' + v % 10);
    }

    /** Parses any of the three forms, reading an RFC 850 two-digit year against the current time. */
    public static Optional<Instant> parse(String text) {
        return parse(text, Instant.now());
    }

    /**
     * Parses any of the three forms; {@code now} places an RFC 850 two-digit year: a date that
     * would lie more than 50 years after {@code now} is taken from the century before
     * (RFC 9110 §5.6.7).
     *
     * @return the instant, or empty if {@code text} is null or none of the forms
     */
    public static Optional<Instant> parse(String text, Instant now) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            if (text.length() == 29 && text.charAt(3) == ',') {
                return imf(text);
            }
            if (text.length() == 24 && text.charAt(3) == ' ') {
                return asctime(text);
            }
            int comma = text.indexOf(',');
            if (comma > 0 && text.length() == comma + 24) {
                return rfc850(text, comma, now);
            }
        } catch (DateTimeException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<Instant> imf(String s) {
        if (index(DAYS, s.substring(0, 3)) < 0 || !s.startsWith(" ", 4) || s.charAt(7) != ' '
                || s.charAt(11) != ' ' || s.charAt(16) != ' ' || !s.endsWith(" GMT")) {
            return Optional.empty();
        }
        return at(num(s, 12, 4), month(s, 8), num(s, 5, 2), s, 17);
    }

    private static Optional<Instant> rfc850(String s, int comma, Instant now) {
        int at = comma + 1; // " 06-Nov-94 08:49:37 GMT"
        if (index(LONG_DAYS, s.substring(0, comma)) < 0 || s.charAt(at) != ' ' || s.charAt(at + 3) != '-'
                || s.charAt(at + 7) != '-' || s.charAt(at + 10) != ' ' || !s.endsWith(" GMT")) {
            return Optional.empty();
        }
        int yy = num(s, at + 8, 2);
        int nowYear = now.atOffset(ZoneOffset.UTC).getYear();
        int year = nowYear / 100 * 100 + yy;
        if (year > nowYear + 50) {
            year -= 100;
        }
        return at(year, month(s, at + 4), num(s, at + 1, 2), s, at + 11);
    }

    private static Optional<Instant> asctime(String s) {
        // "Sun Nov  6 08:49:37 1994": the day is space-padded to two chars.
        if (index(DAYS, s.substring(0, 3)) < 0 || s.charAt(7) != ' ' || s.charAt(10) != ' ' || s.charAt(19) != ' ') {
            return Optional.empty();
        }
        int day = s.charAt(8) == ' ' ? num(s, 9, 1) : num(s, 8, 2);
        return at(num(s, 20, 4), month(s, 4), day, s, 11);
    }

    private static Optional<Instant> at(int year, int month, int day, String s, int time) {
        if (s.charAt(time + 2) != ':' || s.charAt(time + 5) != ':') {
            return Optional.empty();
        }
        int h = num(s, time, 2);
        int m = num(s, time + 3, 2);
        int sec = num(s, time + 6, 2);
        if (month < 0 || h > 23 || m > 59 || sec > 60) {
            return Optional.empty();
        }
        long days = LocalDate.of(year, month + 1, day).toEpochDay();
        return Optional.of(Instant.ofEpochSecond(days * 86_400 + h * 3600L + m * 60L + sec));
    }

    private static int month(String s, int at) {
        return index(MONTHS, s.substring(at, at + 3));
    }

    private static int index(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static int num(String s, int at, int len) {
        int v = 0;
        for (int i = at; i < at + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("digit expected");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
