package io.capstan.stack.config;

import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.NonPrintableStyle;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;
import org.snakeyaml.engine.v2.resolver.BaseScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.Schema;

import java.util.List;
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
    private static final Tag TIMESTAMP = new Tag(Tag.PREFIX + "timestamp");
    /** YAML 1.1's {@code <<} and {@code =} are types of their own: PyYAML cannot even construct a plain {@code =}. */
    private static final Tag SPECIAL = new Tag(Tag.PREFIX + "merge-or-value");

    /** Each pattern is the union of what YAML 1.1 (its spec and PyYAML) and YAML 1.2's core schema accept. */
    private record Implicit(Tag tag, Pattern pattern) {
    }

    private static final List<Implicit> IMPLICIT = List.of(
            new Implicit(Tag.NULL, Pattern.compile("~|null|Null|NULL|")),
            new Implicit(Tag.BOOL, Pattern.compile("y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE"
                    + "|on|On|ON|off|Off|OFF")),
            new Implicit(Tag.INT, Pattern.compile("[-+]?0b[01_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)"
                    + "|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+"
                    + "|[-+]?[0-9]+|0o[0-7]+")),
            new Implicit(Tag.FLOAT, Pattern.compile("[-+]?([0-9][0-9_]*)?\\.[0-9._]*([eE][-+][0-9]+)?"
                    + "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)"
                    + "|[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?")),
            new Implicit(TIMESTAMP, Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}"
                    + "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\\.[0-9]*)?"
                    + "([ \\t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?")),
            new Implicit(SPECIAL, Pattern.compile("<<|=")),
            // snakeyaml-based YAML 1.2 readers give a plain ${VAR} their environment tag (and may substitute it)
            new Implicit(Tag.ENV_TAG, BaseScalarResolver.ENV_FORMAT));

    private PortableYaml() {
    }

    public static String write(Map<String, Object> tree) {
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndent(2)
                .setWidth(1000).setSchema(new UnionSchema())
                .setNonPrintableStyle(NonPrintableStyle.ESCAPE) // text stays text; the default makes it !!binary
                .build();
        return new Dump(settings, new Representer(settings)).dumpToString(tree);
    }

    /** The type a plain scalar has to some reader, or {@code str} when every reader takes it for a string. */
    static Tag implicitTag(String plain) {
        for (Implicit implicit : IMPLICIT) {
            if (implicit.pattern().matcher(plain).matches()) {
                return implicit.tag();
            }
        }
        return Tag.STR;
    }

    /** The writer leaves a string plain only when this resolves its text to {@code str}; otherwise it quotes it. */
    private static final class UnionSchema implements Schema {
        @Override
        public ScalarResolver getScalarResolver() {
            return (value, implicit) -> implicit ? implicitTag(value) : Tag.STR;
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
