package io.jasyncio.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Objects;

/**
 * A {@link JsonCodec} backed by Jackson's {@code ObjectMapper}: beans, records, annotations,
 * modules, everything Jackson maps. Needs {@code com.fasterxml.jackson.databind} at run time
 * (jasyncio-http declares it optional: add it to the application to use this class; loading
 * this class without it fails with {@code NoClassDefFoundError}).
 *
 * <p>Jackson's defaults differ from {@link SimpleJsonCodec}'s in ways a caller may notice: a
 * repeated object key keeps the last value, integers decode to {@code Integer} when they fit,
 * fractions to {@code Double}, and a missing primitive record component becomes 0. Configure the
 * mapper you pass in to change that. Thread-safe, as ObjectMapper is once configured.
 */
public final class JacksonJsonCodec implements JsonCodec {
    private final ObjectMapper mapper;

    /** A codec with a default {@code ObjectMapper}, {@code findAndRegisterModules()} applied. */
    public JacksonJsonCodec() {
        this(new ObjectMapper().findAndRegisterModules());
    }

    /** A codec using {@code mapper}, which must not be reconfigured afterwards. */
    public JacksonJsonCodec(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** The mapper this codec uses. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * {@inheritDoc}
     *
     * @throws JsonException wrapping Jackson's exception when it cannot serialise the value
     */
    @Override
    public byte[] encode(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new JsonException("cannot encode a " + (value == null ? "null" : value.getClass().getName())
                    + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws JsonException wrapping Jackson's exception for malformed input or a type mismatch
     */
    @Override
    public <T> T decode(byte[] json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JacksonException e) {
            throw new JsonException("invalid JSON for " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new JsonException("cannot read JSON: " + e.getMessage(), e);
        }
    }
}
