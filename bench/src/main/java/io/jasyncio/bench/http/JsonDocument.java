package io.jasyncio.bench.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The document {@code GET /json} returns on every server of the {@code http-json} workload: a
 * typical API response (an order with its customer and items), exactly 1,024 bytes when written
 * compactly. The Java servers build it with {@link #build} and serialise it per request with
 * their own JSON path; the aiohttp server loads {@link #compact}'s text from a file the harness
 * writes and serialises it per request with {@code json.dumps}; nginx returns {@link #compact}'s
 * text as a constant.
 *
 * <p>Only strings, integers, booleans, null, objects and lists, all strings printable ASCII
 * without quotes, backslashes, slashes or dollar signs, and object keys in insertion order: every
 * compact JSON writer (Python's {@code json.dumps} with {@code separators=(",", ":")}, Jackson,
 * jasyncio's codec) writes it to the same bytes, so the harness checks each server's body byte for
 * byte, and nginx can quote it in its configuration.
 */
public final class JsonDocument {
    private JsonDocument() {
    }

    /** The length of {@link #compact} in bytes. */
    public static final int BYTES = 1024;

    /** The document as a fresh tree of {@code LinkedHashMap}, {@code List}, {@code String}, {@code Integer}, {@code Boolean} and null. */
    public static Map<String, Object> build() {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", 48213);
        customer.put("name", "Ada Lovelace");
        customer.put("email", "ada.lovelace@example.com");
        customer.put("verified", true);
        customer.put("tier", "gold");
        customer.put("address", address("12 Analytical Engine Road", "London", "NW1 6XE", "GB"));
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", 90210377);
        order.put("status", "shipped");
        order.put("created", "2026-12-07T16:00:00Z");
        order.put("updated", "2026-12-07T17:30:00Z");
        order.put("currency", "EUR");
        order.put("customer", customer);
        order.put("items", List.of(
                item("SKU-10021", "Mechanical keyboard, brown switches", 1, 12999),
                item("SKU-20417", "USB-C cable, 2 m, braided", 3, 1499),
                item("SKU-31988", "Laptop stand, aluminium", 1, 4599),
                item("SKU-44120", "Headphones", 1, 27900)));
        order.put("subtotal_cents", 49995);
        order.put("shipping_cents", 0);
        order.put("tax_cents", 9499);
        order.put("total_cents", 59494);
        order.put("gift", false);
        order.put("coupon", null);
        order.put("tags", List.of("priority", "eu", "free-shipping"));
        order.put("shipping", address("221B Baker Street", "London", "NW1 6XE", "GB"));
        order.put("notes", "Leave at the desk; ring us");
        return order;
    }

    private static Map<String, Object> address(String street, String city, String postcode, String country) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("street", street);
        a.put("city", city);
        a.put("postcode", postcode);
        a.put("country", country);
        return a;
    }

    private static Map<String, Object> item(String sku, String title, int quantity, int unitCents) {
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("sku", sku);
        i.put("title", title);
        i.put("quantity", quantity);
        i.put("unit_cents", unitCents);
        i.put("in_stock", true);
        return i;
    }

    /**
     * The document written compactly (no whitespace), as the reference every server's body is
     * checked against. Not used by any measured server on its hot path except nginx's constant.
     *
     * @throws IllegalStateException if the document holds a value this writer does not write
     *         the same way every compact JSON writer does
     */
    public static String compact() {
        return writeCompact(build());
    }

    /**
     * {@code value} written compactly, if it is made only of what every compact JSON writer
     * writes the same way.
     *
     * @throws IllegalStateException otherwise (a string needing an escape, a floating-point number)
     */
    static String writeCompact(Object value) {
        StringBuilder sb = new StringBuilder(BYTES);
        write(sb, value);
        return sb.toString();
    }

    /** {@link #compact} as UTF-8 (ASCII) bytes. */
    public static byte[] compactBytes() {
        return compact().getBytes(StandardCharsets.US_ASCII);
    }

    private static void write(StringBuilder sb, Object v) {
        switch (v) {
            case null -> sb.append("null");
            case String s -> {
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (c < 0x20 || c > 0x7e || "\"\\/$'".indexOf(c) >= 0) {
                        throw new IllegalStateException("character " + (int) c + " would need escaping: " + s);
                    }
                }
                sb.append('"').append(s).append('"');
            }
            case Integer n -> sb.append(n);
            case Boolean b -> sb.append(b);
            case Map<?, ?> m -> {
                sb.append('{');
                boolean first = true;
                for (var e : m.entrySet()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    write(sb, e.getKey());
                    sb.append(':');
                    write(sb, e.getValue());
                }
                sb.append('}');
            }
            case List<?> l -> {
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    write(sb, l.get(i));
                }
                sb.append(']');
            }
            default -> throw new IllegalStateException("not a document value: " + v.getClass());
        }
    }

    /** Prints {@link #compact} (for looking at it, and for a shell to feed other tools). */
    public static void main(String[] args) {
        System.out.print(compact());
    }
}
