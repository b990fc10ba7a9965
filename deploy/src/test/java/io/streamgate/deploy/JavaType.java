package io.streamgate.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A Java type with its type arguments, read from either a JVM signature ({@code Ljava/util/Map<...>;}) or the
 * source-like form Spring's metadata uses ({@code java.util.Map<java.lang.String,com.x.Y>}).
 */
record JavaType(String name, List<JavaType> arguments) {

    static final JavaType OBJECT = new JavaType("java.lang.Object", List.of());

    private static final Set<String> MAPS = Set.of("java.util.Map", "java.util.HashMap", "java.util.LinkedHashMap",
            "java.util.SortedMap", "java.util.TreeMap");
    private static final Set<String> COLLECTIONS = Set.of("java.util.List", "java.util.Set", "java.util.Collection",
            "java.util.ArrayList", "java.util.LinkedHashSet", "java.util.SortedSet");

    boolean isMap() {
        return MAPS.contains(name);
    }

    boolean isCollection() {
        return COLLECTIONS.contains(name) || name.endsWith("[]");
    }

    /** Spring metadata form: {@code java.util.Map<java.lang.String,a.B$C>}. */
    static JavaType parse(String type) {
        int[] pos = {0};
        return parseSource(type.replace(" ", ""), pos);
    }

    private static JavaType parseSource(String s, int[] pos) {
        int start = pos[0];
        while (pos[0] < s.length() && "<>,".indexOf(s.charAt(pos[0])) < 0) {
            pos[0]++;
        }
        String name = s.substring(start, pos[0]);
        List<JavaType> args = new ArrayList<>();
        if (pos[0] < s.length() && s.charAt(pos[0]) == '<') {
            do {
                pos[0]++;
                args.add(parseSource(s, pos));
            } while (s.charAt(pos[0]) == ',');
            pos[0]++; // '>'
        }
        return new JavaType(name.startsWith("?extends") ? name.substring(8) : name, List.copyOf(args));
    }

    /** JVM field type signature or descriptor. */
    static JavaType fromSignature(String signature) {
        int[] pos = {0};
        return parseSignature(signature, pos);
    }

    private static JavaType parseSignature(String s, int[] pos) {
        char c = s.charAt(pos[0]++);
        switch (c) {
            case '[' -> {
                JavaType element = parseSignature(s, pos);
                return new JavaType(element.name() + "[]", List.of(element));
            }
            case '*' -> {
                return OBJECT;
            }
            case '+', '-' -> {
                return parseSignature(s, pos);
            }
            case 'T' -> {
                int end = s.indexOf(';', pos[0]);
                pos[0] = end + 1;
                return OBJECT;
            }
            case 'L' -> {
                StringBuilder name = new StringBuilder();
                List<JavaType> args = new ArrayList<>();
                while (true) {
                    char d = s.charAt(pos[0]++);
                    if (d == ';') {
                        break;
                    } else if (d == '<') {
                        args.clear();
                        while (s.charAt(pos[0]) != '>') {
                            args.add(parseSignature(s, pos));
                        }
                        pos[0]++;
                    } else if (d == '.') {
                        name.append('$'); // an inner class of a generic outer class
                    } else {
                        name.append(d == '/' ? '.' : d);
                    }
                }
                return new JavaType(name.toString(), List.copyOf(args));
            }
            default -> {
                return new JavaType(String.valueOf(c), List.of()); // a primitive
            }
        }
    }
}
