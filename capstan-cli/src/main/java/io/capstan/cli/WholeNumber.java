package io.capstan.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Every whole-number option and parameter: a value that is not one is named in words, not as a Java type. */
final class WholeNumber implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number");
        }
    }
}
