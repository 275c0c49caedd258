package com.signalops.it.support;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the web module offers, found in its build output rather than listed by hand, so that a new
 * endpoint, page or action is covered by the tests that walk it: the REST methods (from the
 * module's classes jar on the test classpath), the console pages and the Faces actions their
 * buttons call (from the module's webapp sources, system property {@code signalops.webapp.dir}).
 */
public final class WebSurface {

    private static final Pattern ACTION = Pattern.compile("\\b(?:action|actionListener|listener)=\"#\\{([^}]+)}\"");

    private WebSurface() {
    }

    /** One REST method: its HTTP method and its path under /api/v1, and the Java method. */
    public record RestMethod(String verb, String path, Method method) {

        /** Whether the method may change state (anything but GET). */
        public boolean changesState() {
            return !verb.equals("GET");
        }
    }

    public static List<RestMethod> restMethods() {
        Set<RestMethod> found = new LinkedHashSet<>();
        for (Class<?> resource : resourceClasses()) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                String verb = verb(method);
                if (verb != null) {
                    Path sub = method.getAnnotation(Path.class);
                    found.add(new RestMethod(verb, "/api/v1" + join(base, sub == null ? "" : sub.value()), method));
                }
            }
        }
        return new ArrayList<>(found);
    }

    /** Every console page, as its path from the context root ({@code /users.xhtml}); templates under WEB-INF excluded. */
    public static List<String> pages() {
        java.nio.file.Path webapp = webapp();
        try (Stream<java.nio.file.Path> files = Files.walk(webapp)) {
            return files.filter(file -> file.toString().endsWith(".xhtml"))
                    .map(file -> "/" + webapp.relativize(file).toString().replace('\\', '/'))
                    .filter(page -> !page.startsWith("/WEB-INF/") && !page.startsWith("/resources/"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every Faces action expression a page or template calls, without its {@code #{}}, e.g.
     * {@code apiKeysBacking.revoke(param['key'])}.
     */
    public static Set<String> facesActions() {
        Set<String> actions = new TreeSet<>();
        try (Stream<java.nio.file.Path> files = Files.walk(webapp())) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".xhtml")).toList()) {
                Matcher found = ACTION.matcher(Files.readString(file));
                while (found.find()) {
                    actions.add(found.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return actions;
    }

    private static java.nio.file.Path webapp() {
        String dir = System.getProperty("signalops.webapp.dir");
        if (dir == null) {
            throw new IllegalStateException("system property signalops.webapp.dir is not set");
        }
        return java.nio.file.Path.of(dir);
    }

    private static String verb(Method method) {
        for (Class<? extends java.lang.annotation.Annotation> verb : List.of(GET.class, POST.class, PUT.class, DELETE.class, PATCH.class)) {
            if (method.isAnnotationPresent(verb)) {
                return verb.getSimpleName();
            }
        }
        return null;
    }

    private static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static List<Class<?>> resourceClasses() {
        ClassLoader loader = WebSurface.class.getClassLoader();
        java.net.URL marker = loader.getResource("com/signalops/web/rest/RestApplication.class");
        if (marker == null || !marker.getProtocol().equals("jar")) {
            throw new IllegalStateException("the web module's classes jar is not on the test classpath: " + marker);
        }
        String jar = marker.getPath().substring("file:".length(), marker.getPath().indexOf('!'));
        List<Class<?>> resources = new ArrayList<>();
        try (JarFile classes = new JarFile(jar)) {
            for (String name : classes.stream().map(entry -> entry.getName()).filter(n -> n.contains("/rest/") && n.endsWith(".class")
                    && !n.contains("$")).toList()) {
                Class<?> type = Class.forName(name.replace('/', '.').substring(0, name.length() - ".class".length()), false, loader);
                if (type.isAnnotationPresent(Path.class)) {
                    resources.add(type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return resources;
    }
}
