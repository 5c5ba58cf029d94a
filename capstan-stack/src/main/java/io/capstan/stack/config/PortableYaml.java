package io.capstan.stack.config;

import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.NonPrintableStyle;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.snakeyaml.engine.v2.schema.Schema;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a config tree as YAML that a YAML 1.1 reader (PyYAML, what containers' own code uses) and a YAML 1.2
 * reader both read back to the same data. A string is quoted whenever either would take its plain form for
 * something else: {@code NO} and {@code on} are booleans to YAML 1.1, {@code 1:30} is the number 90,
 * {@code 2024-01-01} a date, {@code 1e3} a number to YAML 1.2 only. Numbers are written in a form both read as
 * numbers ({@code 1.0e+20}: YAML 1.1 needs the dot and the exponent's sign).
 */
public final class PortableYaml {
    private static final ScalarResolver YAML_12 = new CoreSchema().getScalarResolver();
    /** Any tag but str: the writer then quotes the string. */
    private static final Tag NOT_A_STRING_TO_YAML_11 = new Tag(Tag.PREFIX + "yaml11-implicit");
    /** Booleans in the YAML 1.1 spec that PyYAML does not implement, but other YAML 1.1 readers do. */
    private static final Pattern SPEC_ONLY_BOOLEANS = Pattern.compile("y|Y|n|N");

    private PortableYaml() {
    }

    public static String write(Map<String, Object> tree) {
        return write(tree, false);
    }

    /** As compose tools print a model: list items indented under their key, no anchors for shared values. */
    public static String writeCompose(Map<String, Object> model) {
        return write(model, true);
    }

    private static String write(Map<String, Object> tree, boolean composeStyle) {
        var builder = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndent(2)
                .setWidth(1000).setSchema(new BothReaders())
                .setNonPrintableStyle(NonPrintableStyle.ESCAPE); // text stays text; the default makes it !!binary
        if (composeStyle) {
            builder.setIndicatorIndent(2).setIndentWithIndicator(true).setDereferenceAliases(true);
        }
        DumpSettings settings = builder.build();
        return new Dump(settings, new Representer(settings)).dumpToString(tree);
    }

    /**
     * The writer leaves a scalar plain only when this resolves its text to the scalar's own tag: a string stays
     * plain only when both YAML 1.2 and YAML 1.1 read it as one.
     */
    private static final class BothReaders implements Schema {
        @Override
        public ScalarResolver getScalarResolver() {
            return (value, implicit) -> {
                if (!implicit) {
                    return Tag.STR;
                }
                Tag yaml12 = YAML_12.resolve(value, true); // also ${VAR}: snakeyaml readers give it an env tag
                if (!yaml12.equals(Tag.STR)) {
                    return yaml12;
                }
                return Yaml11Reading.readsAsString(value) && !SPEC_ONLY_BOOLEANS.matcher(value).matches()
                        ? Tag.STR : NOT_A_STRING_TO_YAML_11;
            };
        }

        @Override
        public Map<Tag, ConstructNode> getSchemaTagConstructors() {
            return Map.of();
        }
    }

    private static final class Representer extends StandardRepresenter {
        Representer(DumpSettings settings) {
            super(settings);
            representers.put(Double.class, value -> representScalar(Tag.FLOAT, floating((Double) value)));
            representers.put(Float.class, value -> representScalar(Tag.FLOAT, floating(((Float) value).doubleValue())));
        }

        /** {@code 1.5}, {@code 1.0e+20}, {@code 1.0e-5}, {@code .inf}, {@code .nan}: floats to YAML 1.1 and 1.2. */
        private static String floating(double value) {
            if (Double.isNaN(value)) {
                return ".nan";
            }
            if (Double.isInfinite(value)) {
                return value > 0 ? ".inf" : "-.inf";
            }
            String text = Double.toString(value).toLowerCase(Locale.ROOT); // always has a '.', as YAML 1.1 needs
            int exponent = text.indexOf('e');
            return exponent < 0 || text.charAt(exponent + 1) == '-' ? text
                    : text.substring(0, exponent + 1) + "+" + text.substring(exponent + 1);
        }
    }
}
