package io.jasyncio.bench.harness;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.bench.http.JsonDocument;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NginxConfigTest {
    private final Path dir = Path.of("/tmp/run-1");

    @Test
    void oneWorkerNoAccessLogBothRoutesAndEveryFileInTheRunDirectory() {
        String conf = NginxConfig.render(40123, "Hello, World!", JsonDocument.compact(), dir, false);
        assertTrue(conf.contains("worker_processes 1;\n"), conf);
        assertTrue(conf.contains("listen 127.0.0.1:40123;"), conf);
        assertTrue(conf.contains("access_log off;"), conf);
        assertTrue(conf.contains("keepalive_requests 1000000000;"), conf);
        assertTrue(conf.contains("location = / {\n            default_type text/plain;\n            return 200 'Hello, World!';"), conf);
        assertTrue(conf.contains("location = /json {\n            default_type application/json;\n            return 200 '"
                + JsonDocument.compact() + "';"), conf);
        assertTrue(conf.contains("pid /tmp/run-1/nginx.pid;"), conf);
        assertTrue(conf.contains("error_log /tmp/run-1/error.log warn;"), conf);
        for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            assertTrue(conf.contains(temp + "_temp_path /tmp/run-1/" + temp + ";"), conf);
        }
        assertFalse(conf.contains("user "), conf);
    }

    @Test
    void asRootTheWorkersStayRoot() {
        String conf = NginxConfig.render(1, "a", "{}", dir, true);
        assertTrue(conf.startsWith("# written by") && conf.contains("\nuser root;\n"), conf);
    }

    @Test
    void textNginxWouldInterpretIsRefused() {
        for (String bad : List.of("{\"a\":\"$host\"}", "it's", "back\\slash", "caf\u00e9", "line\nbreak")) {
            assertThrows(IllegalArgumentException.class, () -> NginxConfig.render(1, "ok", bad, dir, false), bad);
            assertThrows(IllegalArgumentException.class, () -> NginxConfig.render(1, bad, "{}", dir, false), bad);
        }
    }

    @Test
    void runsInTheForegroundWithItsOwnPrefixConfigurationAndErrorLog() {
        assertEquals(List.of("/usr/sbin/nginx", "-p", "/tmp/run-1/", "-c", "/tmp/run-1/nginx.conf", "-e", "/tmp/run-1/error.log",
                "-g", "daemon off;"), NginxConfig.command(Path.of("/usr/sbin/nginx"), dir));
    }
}
