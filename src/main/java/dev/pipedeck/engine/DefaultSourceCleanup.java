package dev.pipedeck.engine;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.SecretBox;

/** Drops a pipe's slot and publication on its source, for a delete that no live worker carries out. */
public final class DefaultSourceCleanup implements SourceCleanup {
    private final PipeCredentials credentials;
    private final Connectors connectors;

    public DefaultSourceCleanup(SecretBox secrets) {
        this.credentials = new PipeCredentials(secrets);
        this.connectors = DefaultConnectors.create();
    }

    @Override
    public void dropSlotAndPublication(Pipe pipe) {
        connectors.source(credentials.sourceConfig(pipe)).drop(pipe.slotName(), pipe.publicationName());
    }
}
