package io.jasyncio.http.ws.frame;

import io.jasyncio.http.ws.frame.ExtensionHeader.Extension;
import io.jasyncio.http.ws.frame.ExtensionHeader.Param;
import io.jasyncio.http.ws.frame.PerMessageDeflate.Params;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** RFC 7692 §5-§7.1: building and checking {@code permessage-deflate} offers and responses. */
final class PerMessageDeflateNegotiation {
    static final String NAME = "permessage-deflate";

    private PerMessageDeflateNegotiation() {
    }

    static String offer(Params wanted) {
        StringBuilder sb = new StringBuilder(NAME);
        if (wanted.serverNoContextTakeover()) sb.append("; server_no_context_takeover");
        if (wanted.clientNoContextTakeover()) sb.append("; client_no_context_takeover");
        if (wanted.serverMaxWindowBits() < 15) sb.append("; server_max_window_bits=").append(wanted.serverMaxWindowBits());
        // always sent: tells the server it may limit our window (§7.1.2.2)
        sb.append("; client_max_window_bits");
        if (wanted.clientMaxWindowBits() < 15) sb.append('=').append(wanted.clientMaxWindowBits());
        return sb.toString();
    }

    static Params accept(List<String> offeredHeaderValues) {
        List<Extension> offers;
        try {
            offers = ExtensionHeader.parse(offeredHeaderValues);
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (Extension e : offers) {
            if (e.name().equals(NAME)) {
                Params p = parseOffer(e);
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    /** The parameters of one offer, or null when it is invalid (unknown/repeated parameter, bad value). */
    private static Params parseOffer(Extension e) {
        boolean serverNct = false;
        boolean clientNct = false;
        int serverBits = 15;
        int clientBits = 15;
        Set<String> seen = new HashSet<>();
        for (Param p : e.params()) {
            if (!seen.add(p.name())) {
                return null;
            }
            switch (p.name()) {
                case "server_no_context_takeover" -> {
                    if (p.value() != null) return null;
                    serverNct = true;
                }
                case "client_no_context_takeover" -> {
                    if (p.value() != null) return null;
                    clientNct = true;
                }
                case "server_max_window_bits" -> {
                    serverBits = bits(p.value());
                    if (serverBits < 0) return null;
                }
                case "client_max_window_bits" -> {
                    // without a value the client only says it supports the parameter: keep 15
                    if (p.value() != null) {
                        clientBits = bits(p.value());
                        if (clientBits < 0) return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return new Params(serverNct, clientNct, serverBits, clientBits);
    }

    static String response(Params agreed) {
        StringBuilder sb = new StringBuilder(NAME);
        if (agreed.serverNoContextTakeover()) sb.append("; server_no_context_takeover");
        if (agreed.clientNoContextTakeover()) sb.append("; client_no_context_takeover");
        if (agreed.serverMaxWindowBits() < 15) sb.append("; server_max_window_bits=").append(agreed.serverMaxWindowBits());
        if (agreed.clientMaxWindowBits() < 15) sb.append("; client_max_window_bits=").append(agreed.clientMaxWindowBits());
        return sb.toString();
    }

    static Params checkResponse(String headerValue, Params offered) throws WsHandshakeException {
        if (headerValue == null || headerValue.isBlank()) {
            return null;
        }
        List<Extension> exts;
        try {
            exts = ExtensionHeader.parse(List.of(headerValue));
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
        }
        if (exts.size() != 1 || !exts.get(0).name().equals(NAME)) {
            throw fail("the server answered extensions that were not offered: " + headerValue);
        }
        boolean serverNct = false;
        boolean clientNct = false;
        int serverBits = 15;
        int clientBits = offered.clientMaxWindowBits();
        Set<String> seen = new HashSet<>();
        for (Param p : exts.get(0).params()) {
            if (!seen.add(p.name())) {
                throw fail("repeated parameter " + p.name() + ": " + headerValue);
            }
            switch (p.name()) {
                case "server_no_context_takeover" -> {
                    if (p.value() != null) throw fail("server_no_context_takeover with a value: " + headerValue);
                    serverNct = true;
                }
                case "client_no_context_takeover" -> {
                    if (p.value() != null) throw fail("client_no_context_takeover with a value: " + headerValue);
                    clientNct = true;
                }
                case "server_max_window_bits" -> {
                    serverBits = bits(p.value());
                    if (serverBits < 0 || serverBits > offered.serverMaxWindowBits()) {
                        throw fail("server_max_window_bits " + p.value() + " is invalid or above the offer's "
                                + offered.serverMaxWindowBits());
                    }
                }
                case "client_max_window_bits" -> {
                    clientBits = bits(p.value()); // a value is required in a response (§7.1.2.2)
                    if (clientBits < 0 || clientBits > offered.clientMaxWindowBits()) {
                        throw fail("client_max_window_bits " + p.value() + " is invalid or above the offer's "
                                + offered.clientMaxWindowBits());
                    }
                }
                default -> throw fail("unknown permessage-deflate parameter " + p.name());
            }
        }
        if (offered.serverNoContextTakeover() && !serverNct) {
            throw fail("the server did not accept server_no_context_takeover, which was offered");
        }
        if (offered.serverMaxWindowBits() < 15 && !seen.contains("server_max_window_bits")) {
            throw fail("the server did not accept server_max_window_bits=" + offered.serverMaxWindowBits());
        }
        return new Params(serverNct, clientNct || offered.clientNoContextTakeover(), serverBits, clientBits);
    }

    /** A window-bits value 8-15 written as 1*DIGIT without leading zeros, or -1. */
    private static int bits(String v) {
        if (v == null || v.isEmpty() || v.length() > 2 || v.charAt(0) == '0') {
            return -1;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') return -1;
        }
        int b = Integer.parseInt(v);
        return b >= 8 && b <= 15 ? b : -1;
    }

    private static WsHandshakeException fail(String why) {
        return new WsHandshakeException(101, "permessage-deflate negotiation failed: " + why);
    }
}
