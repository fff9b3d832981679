package dev.pipedeck.console;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Starts the demo environment when it is on the classpath, by reflection so the console builds without it.
 * Contract with {@code dev.pipedeck.demo.DemoEnvironment}: a public static {@code start()} (or else a static
 * {@code start(DemoOptions)}, called with {@code DemoOptions.defaults()} or {@code new DemoOptions()}), an instance
 * method {@code String catalogUrl()} (a JDBC URL with its user) and {@code close()}.
 */
final class DemoLauncher {
    static final String CLASS = "dev.pipedeck.demo.DemoEnvironment";

    /** A started demo. */
    record Demo(Object environment, String catalogUrl) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            environment.getClass().getMethod("close").invoke(environment);
        }
    }

    private DemoLauncher() {}

    /** Empty when the demo is not on the classpath. */
    static Optional<Demo> start() throws Exception {
        Class<?> type;
        try {
            type = Class.forName(CLASS);
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
        Object env;
        try {
            env = type.getMethod("start").invoke(null);
        } catch (NoSuchMethodException e) {
            env = startWithOptions(type);
        }
        String url = (String) type.getMethod("catalogUrl").invoke(env);
        return Optional.of(new Demo(env, url));
    }

    private static Object startWithOptions(Class<?> type) throws Exception {
        for (Method m : type.getMethods()) {
            if (m.getName().equals("start") && m.getParameterCount() == 1 && java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                Class<?> options = m.getParameterTypes()[0];
                Object o;
                try {
                    o = options.getMethod("defaults").invoke(null);
                } catch (NoSuchMethodException e) {
                    o = options.getConstructor().newInstance();
                }
                return m.invoke(null, o);
            }
        }
        throw new NoSuchMethodException(CLASS + " has no static start() or start(DemoOptions)");
    }
}
