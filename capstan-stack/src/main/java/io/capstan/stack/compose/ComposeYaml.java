package io.capstan.stack.compose;

import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a compose model as YAML that reads back to the same data with a YAML 1.2 reader and with a YAML 1.1 one
 * (PyYAML, which Docker Compose v1 uses): a string either would take for something else is quoted, such as
 * {@code 'NO'}, {@code 'on'}, {@code '~'}, {@code '1:30'}, {@code '0755'} or {@code '2024-01-01'}.
 */
public final class ComposeYaml {
    /** Plain scalars that YAML 1.1 resolves to a boolean, null, number, timestamp, merge key or value key. */
    private static final Pattern YAML_1_1_NOT_A_STRING = Pattern.compile(String.join("|",
            "y|Y|n|N|yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF",
            "~|null|Null|NULL|",
            "[-+]?0b[01_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+",
            "[-+]?([0-9][0-9_]*)?\\.[0-9_]*([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)",
            "[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?",
            "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ]|[ \\t]+).*|[0-9]{4}-[0-9]{2}-[0-9]{2}",
            "<<|="));

    private static final DumpSettings SETTINGS = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK)
            .setIndent(2).setIndicatorIndent(2).setIndentWithIndicator(true).setDereferenceAliases(true)
            .setSchema(new Yaml11SafeSchema()).build();

    private ComposeYaml() {
    }

    public static String write(Map<String, Object> model) {
        return new Dump(SETTINGS).dumpToString(model);
    }

    /** The core schema, but a string that YAML 1.1 would read as something else resolves to non-string, so it is quoted. */
    private static final class Yaml11SafeSchema extends CoreSchema {
        @Override
        public ScalarResolver getScalarResolver() {
            ScalarResolver core = super.getScalarResolver();
            return (value, implicit) -> {
                Tag tag = core.resolve(value, implicit);
                return implicit && tag.equals(Tag.STR) && YAML_1_1_NOT_A_STRING.matcher(value).matches() ? Tag.NULL : tag;
            };
        }
    }
}
