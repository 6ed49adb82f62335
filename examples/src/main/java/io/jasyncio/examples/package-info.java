/**
 * The seed programs: small runnable ports of the classic asyncio walkthroughs (Real Python's
 * "Async IO in Python" and the asyncio docs), each a class with a {@code main}.
 * {@link io.jasyncio.examples.Examples} lists them and runs one by name
 * ({@code ./jasyncio examples NAME}).
 *
 * <p>Examples use only the public API ({@code import static io.jasyncio.Asyncio.*}), as a user
 * would; the tests in this module run every one so they never rot.
 */
package io.jasyncio.examples;
