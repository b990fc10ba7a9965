package io.streamgate.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.RecordComponentVisitor;

/**
 * Expands a configuration property's type into the keys below it, by reading the app's compiled classes with ASM
 * (without loading them): record components, or instance fields of a JavaBean, in kebab case. Spring's generated
 * metadata stops at Map values and at nested types from other packages; this walks on through them.
 */
final class BoundTypes {

    private final Path classes;

    BoundTypes(Path classes) {
        this.classes = classes;
    }

    /** Adds {@code prefix} and everything a value of {@code type} (a Java type name, generics included) binds. */
    void expand(String prefix, String type, PropertyNames into) {
        expand(prefix, JavaType.parse(type), into, new HashSet<>());
    }

    private void expand(String prefix, JavaType type, PropertyNames into, Set<String> seen) {
        if (type.isMap()) {
            JavaType value = type.arguments().size() == 2 ? type.arguments().get(1) : JavaType.OBJECT;
            if (isAppClass(value)) {
                expand(prefix + ".*", value, into, seen);
            } else {
                into.add(prefix + ".**");
            }
        } else if (type.isCollection() && !type.arguments().isEmpty() && isAppClass(type.arguments().get(0))) {
            JavaType element = type.arguments().get(0);
            if (fromText(element)) {
                into.add(prefix);
            }
            expand(prefix + ".#", element, into, seen);
        } else if (isAppClass(type) && seen.add(type.name())) {
            List<Member> members = members(type.name());
            if (members.isEmpty() || fromText(type)) {
                into.add(prefix); // an enum, or a value Spring converts from text
            }
            for (Member member : members) {
                expand(prefix + "." + PropertyNames.kebab(member.name()), member.type(), into, seen);
            }
            seen.remove(type.name());
        } else {
            into.add(prefix);
        }
    }

    /**
     * Whether Spring binds the type from a single text value: a record of one String (its canonical constructor
     * takes the text, as Spring's ObjectToObjectConverter does).
     */
    private boolean fromText(JavaType type) {
        List<Member> members = members(type.name());
        return members.size() == 1 && members.get(0).type().name().equals("java.lang.String");
    }

    private boolean isAppClass(JavaType type) {
        return Files.isRegularFile(classFile(type.name()));
    }

    private Path classFile(String binaryName) {
        return classes.resolve(binaryName.replace('.', '/') + ".class");
    }

    record Member(String name, JavaType type) {
    }

    private List<Member> members(String binaryName) {
        List<Member> components = new ArrayList<>();
        List<Member> fields = new ArrayList<>();
        boolean[] isEnum = {false};
        try {
            new ClassReader(Files.readAllBytes(classFile(binaryName))).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public void visit(int version, int access, String name, String signature, String superName,
                                  String[] interfaces) {
                    isEnum[0] = (access & Opcodes.ACC_ENUM) != 0;
                }

                @Override
                public RecordComponentVisitor visitRecordComponent(String name, String descriptor, String signature) {
                    components.add(new Member(name, JavaType.fromSignature(signature != null ? signature : descriptor)));
                    return null;
                }

                @Override
                public FieldVisitor visitField(int access, String name, String descriptor, String signature,
                                               Object value) {
                    if ((access & (Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC)) == 0) {
                        fields.add(new Member(name, JavaType.fromSignature(signature != null ? signature : descriptor)));
                    }
                    return null;
                }
            }, ClassReader.SKIP_CODE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (isEnum[0]) {
            return List.of();
        }
        return components.isEmpty() ? fields : components;
    }
}
