package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Requires;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The built module descriptor exports the API package only, and the API never hands out an internal type. */
class ModuleDescriptorTest {
    static final String API = "io.github.dingtalkauth";
    static final Pattern INTERNAL = Pattern.compile("\\bio\\.github\\.dingtalkauth\\.[a-z]");

    static Path classes() throws URISyntaxException {
        return Path.of(DingTalkAuthFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** The descriptor as the JDK reads it from the compiled classes, with the packages found there. */
    static ModuleDescriptor descriptor() throws URISyntaxException {
        return ModuleFinder.of(classes()).find(API).orElseThrow().descriptor();
    }

    @Test
    void theModuleExportsOnlyTheApiPackageToEveryone() throws Exception {
        ModuleDescriptor module = descriptor();
        assertEquals(API, module.name());
        assertEquals(Set.of(API), module.exports().stream().map(Exports::source).collect(Collectors.toSet()));
        assertTrue(module.exports().stream().noneMatch(Exports::isQualified), module::toString);
        assertTrue(module.opens().isEmpty(), module::toString);
    }

    @Test
    void theInternalPackagesAreInTheModuleButNotExported() throws Exception {
        Set<String> packages = descriptor().packages();
        for (String internal : List.of("config", "flow", "client", "web")) {
            assertTrue(packages.contains(API + "." + internal), packages::toString);
        }
    }

    @Test
    void theModuleRequiresTheServletApiJsonAndTheHttpClient() throws Exception {
        Set<String> required = descriptor().requires().stream().map(Requires::name).collect(Collectors.toSet());
        assertEquals(Set.of("java.base", "jakarta.servlet", "jakarta.json", "java.net.http"), required);
    }

    @Test
    void noPublicSignatureOfTheApiNamesAnInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : apiClasses()) {
            for (Executable member : publicExecutables(type)) {
                Stream.of(member.getGenericParameterTypes(), member.getGenericExceptionTypes(),
                                member instanceof java.lang.reflect.Method m
                                        ? new Type[] {m.getGenericReturnType()} : new Type[0])
                        .flatMap(Arrays::stream)
                        .filter(ModuleDescriptorTest::isInternal)
                        .forEach(t -> leaks.add(member + " uses " + t.getTypeName()));
            }
            for (Field field : type.getFields()) {
                if (field.getDeclaringClass() == type && isInternal(field.getGenericType())) {
                    leaks.add(field + " is of " + field.getType().getName());
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    private static List<Executable> publicExecutables(Class<?> type) {
        List<Executable> members = new ArrayList<>(List.of(type.getConstructors()));
        Arrays.stream(type.getMethods()).filter(m -> m.getDeclaringClass() == type).forEach(members::add);
        return members;
    }

    /** A type in a sub-package of the API, also as a type argument ({@code Optional<...config.Setting>}). */
    private static boolean isInternal(Type type) {
        return INTERNAL.matcher(type.getTypeName()).find();
    }

    /** Every public class of the API package, nested ones included, as compiled. */
    private static List<Class<?>> apiClasses() throws Exception {
        Path dir = classes().resolve(API.replace('.', '/'));
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String simple = file.getFileName().toString().replace(".class", "");
                Class<?> type = Class.forName(API + "." + simple);
                if (Modifier.isPublic(type.getModifiers())) {
                    types.add(type);
                }
            }
        }
        assertTrue(types.contains(DingTalkSettings.Builder.class), types::toString);
        return types;
    }
}
