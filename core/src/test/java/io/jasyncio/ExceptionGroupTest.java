package io.jasyncio;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ExceptionGroup}'s {@code except*} support: the behaviours of Python's
 * {@code ExceptionGroup.split}/{@code subgroup}/{@code message} and of {@code except*} clauses
 * (issue 8), checked against CPython 3.11.
 */
class ExceptionGroupTest {
    private final IllegalStateException state = new IllegalStateException("state");
    private final UncheckedIOException io = new UncheckedIOException(new IOException("io"));
    private final IllegalArgumentException arg = new IllegalArgumentException("arg");
    /** {@code ExceptionGroup("outer", [state, ExceptionGroup("inner", [io, arg])])}. */
    private final ExceptionGroup nested = new ExceptionGroup("outer",
            List.of(state, new ExceptionGroup("inner", List.of(io, arg))));

    @Test
    void messageIsTheBareMessageAndGetMessageCountsTheMembersAsPythonsStr() {
        ExceptionGroup eg = new ExceptionGroup("two failed", List.of(state, arg));
        assertEquals("two failed", eg.message());
        assertEquals("two failed (2 sub-exceptions)", eg.getMessage());
    }

    @Test
    void splitByTypeKeepsTheNestingOnBothSides() {
        ExceptionGroup.Split s = nested.split(IllegalArgumentException.class);
        // IllegalStateException is not an IllegalArgumentException, nor the reverse.
        assertEquals("outer", s.match().message());
        ExceptionGroup innerMatch = assertInstanceOf(ExceptionGroup.class, s.match().exceptions().get(0));
        assertEquals("inner", innerMatch.message());
        assertEquals(List.of(arg), innerMatch.exceptions());
        assertEquals(state, s.rest().exceptions().get(0));
        ExceptionGroup innerRest = assertInstanceOf(ExceptionGroup.class, s.rest().exceptions().get(1));
        assertEquals(List.of(io), innerRest.exceptions());
    }

    @Test
    void aPartWithNoMembersIsNull() {
        assertNull(nested.split(ArithmeticException.class).match());
        assertNull(nested.split(RuntimeException.class).rest());
        assertNull(nested.subgroup(ArithmeticException.class));
    }

    @Test
    void splitByAPredicateAsksAboutGroupsTooAndAGroupItAcceptsMatchesWhole() {
        ExceptionGroup.Split s = nested.split(t -> t instanceof ExceptionGroup g && g.message().equals("inner"));
        ExceptionGroup inner = (ExceptionGroup) nested.exceptions().get(1);
        assertEquals(List.of(inner), s.match().exceptions());
        assertEquals(List.of(state), s.rest().exceptions());
    }

    @Test
    void subgroupIsTheMatchingPartOfSplit() {
        ExceptionGroup sub = nested.subgroup(t -> t == io);
        assertEquals(List.of(io), ((ExceptionGroup) sub.exceptions().get(0)).exceptions());
    }

    @Test
    void derivedPartsKeepTheStackTraceAndCause() {
        ExceptionGroup eg = new ExceptionGroup("g", List.of(state, arg));
        eg.initCause(io);
        ExceptionGroup part = eg.subgroup(IllegalStateException.class);
        assertNotSame(eg, part);
        assertSame(io, part.getCause());
        assertArrayEquals(eg.getStackTrace(), part.getStackTrace());
    }

    @Test
    void handleRunsEachClauseOnceWithItsSubgroupAndRethrowsTheRest() {
        List<String> handled = new ArrayList<>();
        ExceptionGroup rest = assertThrows(ExceptionGroup.class, () -> nested
                .handle(IllegalStateException.class, g -> handled.add("state " + g.exceptions().size()))
                .handle(IllegalArgumentException.class, g -> handled.add("arg " + g.subgroup(IllegalArgumentException.class).message()))
                .rethrowRest());
        assertEquals(List.of("state 1", "arg outer"), handled);
        assertEquals("outer", rest.message());
        assertEquals(List.of(io), ((ExceptionGroup) rest.exceptions().get(0)).exceptions());
    }

    @Test
    void handleReturnsNormallyWhenEveryMemberWasHandled() {
        List<Throwable> seen = new ArrayList<>();
        nested.handle(RuntimeException.class, g -> seen.add(g)).rethrowRest();
        assertEquals(1, seen.size());
    }

    /** {@code except* ValueError: raise TypeError("x")} gives {@code ExceptionGroup('', [TypeError('x'), ExceptionGroup('eg', [KeyError()])])}. */
    @Test
    void whatAHandlerThrowsComesOutWithTheRestInAGroupWithAnEmptyMessage() {
        ArithmeticException fromHandler = new ArithmeticException("x");
        ExceptionGroup eg = new ExceptionGroup("eg", List.of(state, arg));
        ExceptionGroup out = assertThrows(ExceptionGroup.class, () -> eg
                .handle(IllegalStateException.class, g -> {
                    throw fromHandler;
                })
                .rethrowRest());
        assertEquals("", out.message());
        assertSame(fromHandler, out.exceptions().get(0));
        ExceptionGroup rest = (ExceptionGroup) out.exceptions().get(1);
        assertEquals("eg", rest.message());
        assertEquals(List.of(arg), rest.exceptions());
    }

    @Test
    void aClauseForAnExceptionGroupTypeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> nested.handle(ExceptionGroup.class, g -> { }));
    }

    @Test
    void aGroupNeedsAtLeastOneMember() {
        assertThrows(IllegalArgumentException.class, () -> new ExceptionGroup("none", List.of()));
    }
}
