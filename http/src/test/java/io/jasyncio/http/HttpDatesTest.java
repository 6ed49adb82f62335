package io.jasyncio.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HttpDatesTest {
    private static final Instant RFC_EXAMPLE = Instant.parse("1994-11-06T08:49:37Z");
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void formatsImfFixdate() {
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDates.format(RFC_EXAMPLE));
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", HttpDates.format(0));
        assertEquals("Wed, 31 Dec 1969 23:59:59 GMT", HttpDates.format(-1));
        assertEquals("Tue, 29 Feb 2000 00:00:00 GMT", HttpDates.format(Instant.parse("2000-02-29T00:00:00.999Z")));
        assertEquals("Fri, 31 Dec 9999 23:59:59 GMT", HttpDates.format(Instant.parse("9999-12-31T23:59:59Z")));
        assertEquals("Sat, 01 Jan 0000 00:00:00 GMT", HttpDates.format(Instant.parse("0000-01-01T00:00:00Z")));
        assertThrows(IllegalArgumentException.class, () -> HttpDates.format(Instant.parse("+10000-01-01T00:00:00Z")));
        assertThrows(IllegalArgumentException.class, () -> HttpDates.format(Instant.parse("-0001-12-31T23:59:59Z")));
    }

    @Test
    void formatAgreesWithTheJdkOnRandomInstants() {
        DateTimeFormatter jdk = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
        Random r = new Random(9);
        for (int i = 0; i < 10_000; i++) {
            long s = r.nextLong(-2_000_000_000L, 250_000_000_000L);
            String expected = jdk.format(Instant.ofEpochSecond(s));
            // The JDK writes a one-digit day without padding and "GMT" as zone; IMF-fixdate pads.
            String mine = HttpDates.format(s);
            assertEquals(expected, mine.startsWith("0", 5) ? mine.substring(0, 5) + mine.substring(6) : mine, "at " + s);
            assertEquals(Optional.of(Instant.ofEpochSecond(s)), HttpDates.parse(mine, NOW), mine);
        }
    }

    @Test
    void parsesTheThreeForms() {
        assertEquals(Optional.of(RFC_EXAMPLE), HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT", NOW));
        assertEquals(Optional.of(RFC_EXAMPLE), HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT", NOW));
        assertEquals(Optional.of(RFC_EXAMPLE), HttpDates.parse("Sun Nov  6 08:49:37 1994", NOW));
        assertEquals(Optional.of(Instant.parse("1994-11-16T08:49:37Z")), HttpDates.parse("Wed Nov 16 08:49:37 1994", NOW));
        assertEquals(Optional.of(RFC_EXAMPLE), HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT"));
    }

    @Test
    void twoDigitYearsMoreThanFiftyYearsAheadAreLastCentury() {
        assertEquals(Optional.of(Instant.parse("2076-01-01T00:00:00Z")),
                HttpDates.parse("Wednesday, 01-Jan-76 00:00:00 GMT", NOW));
        assertEquals(Optional.of(Instant.parse("1977-01-01T00:00:00Z")),
                HttpDates.parse("Saturday, 01-Jan-77 00:00:00 GMT", NOW));
        assertEquals(Optional.of(Instant.parse("2001-01-01T00:00:00Z")),
                HttpDates.parse("Monday, 01-Jan-01 00:00:00 GMT", NOW));
    }

    @Test
    void rejectsEverythingElse() {
        for (String bad : List.of("", "yesterday", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 6 Nov 1994 08:49:37 GMT",
                "sun, 06 Nov 1994 08:49:37 GMT", "Sun, 06 nov 1994 08:49:37 GMT", "Xyz, 06 Nov 1994 08:49:37 GMT",
                "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Nov 1994 08:60:00 GMT",
                " Sun, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 GMT ", "Sun, 06 Nov 1994 08-49-37 GMT",
                "Sun, 06 Nov 19x4 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:3a GMT", "Sunday, 06-Nov-1994 08:49:37 GMT",
                "Sun, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 94", "Sun Nov 6  08:49:37 1994",
                "Sunday, 06 Nov 94 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 GMT+0000 x")) {
            assertEquals(Optional.empty(), HttpDates.parse(bad, NOW), bad);
        }
        assertEquals(Optional.empty(), HttpDates.parse(null, NOW));
    }
}
