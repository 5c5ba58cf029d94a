package io.capstan.cli.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * JSON output for scripts, with the API's conventions: records' components as snake_case keys ({@code host_port}),
 * times as ISO-8601, numbers as numbers, enums as lower-case words ({@code "no"}, {@code "on-failure"}). Keys of
 * maps (labels, environment, options) are data and stay as they are.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule().addSerializer(new EnumWords()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    public static void print(PrintWriter out, Object value) {
        try {
            out.println(MAPPER.writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** An enum as its word: what its toString says when that is not its constant's name, else the name in lower case. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class EnumWords extends StdSerializer<Enum> {
        EnumWords() {
            super(Enum.class);
        }

        @Override
        public void serialize(Enum value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            String text = value.toString();
            generator.writeString(text.equals(value.name())
                    ? value.name().toLowerCase(Locale.ROOT).replace('_', '-') : text);
        }
    }
}
