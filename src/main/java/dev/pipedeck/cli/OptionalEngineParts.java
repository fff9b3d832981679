package dev.pipedeck.cli;

import dev.pipedeck.catalog.SecretBox;
import dev.pipedeck.control.ConnectionChecks;
import dev.pipedeck.control.PipeControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Constructor;
import java.util.Optional;

/**
 * Engine parts the CLI uses when the build has them, found by class name so the CLI builds and runs before (and
 * without) the engine: {@code dev.pipedeck.engine.DefaultConnectionChecks} and
 * {@code dev.pipedeck.engine.DefaultSourceCleanup}, constructed with a {@link SecretBox} or with no arguments.
 */
final class OptionalEngineParts {
    static final String CHECKS_CLASS = "dev.pipedeck.engine.DefaultConnectionChecks";
    static final String CLEANUP_CLASS = "dev.pipedeck.engine.DefaultSourceCleanup";
    private static final Logger LOG = LoggerFactory.getLogger(OptionalEngineParts.class);

    private OptionalEngineParts() {}

    static Optional<ConnectionChecks> connectionChecks(SecretBox secrets) {
        return instantiate(CHECKS_CLASS, ConnectionChecks.class, secrets);
    }

    static Optional<PipeControl.SourceCleanup> sourceCleanup(SecretBox secrets) {
        return instantiate(CLEANUP_CLASS, PipeControl.SourceCleanup.class, secrets);
    }

    static <T> Optional<T> instantiate(String className, Class<T> type, SecretBox secrets) {
        Class<?> c;
        try {
            c = Class.forName(className);
        } catch (ClassNotFoundException e) {
            LOG.debug("{} is not in this build", className);
            return Optional.empty();
        }
        if (!type.isAssignableFrom(c)) {
            LOG.warn("{} does not implement {}; ignored", className, type.getName());
            return Optional.empty();
        }
        try {
            for (Constructor<?> k : c.getConstructors()) {
                if (k.getParameterCount() == 1 && k.getParameterTypes()[0] == SecretBox.class) {
                    return Optional.of(type.cast(k.newInstance(secrets)));
                }
            }
            return Optional.of(type.cast(c.getConstructor().newInstance()));
        } catch (ReflectiveOperationException e) {
            // a build with the class but no usable constructor is a programming error: say so once, carry on without it
            LOG.warn("could not construct {}", className, e);
            return Optional.empty();
        }
    }
}
