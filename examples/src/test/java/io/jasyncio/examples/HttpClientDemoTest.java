package io.jasyncio.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link HttpClientDemo}: three sendAsync requests to a local server, results in request order. */
class HttpClientDemoTest {
    @Test
    void printsTheThreeResponsesInRequestOrderBetweenServerStartAndStop() throws Exception {
        Console.Output run = Console.run(HttpClientDemo::main);
        assertEquals(List.of(
                "server started on 127.0.0.1",
                "GET /hello -> 200: you asked for /hello",
                "GET /time-for-tea -> 200: you asked for /time-for-tea",
                "GET /missing -> 404: nothing at /missing",
                "server stopped"), run.lines());
    }
}
