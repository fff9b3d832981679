package dev.pipedeck.engine;

import dev.pipedeck.catalog.ConnectionUrl;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.SecretBox;
import dev.pipedeck.source.pg.SourceConfig;

/** Opens a pipe's stored (encrypted) passwords into what connecting needs. Never print what this returns. */
public final class PipeCredentials {
    private final SecretBox secrets;

    public PipeCredentials(SecretBox secrets) {
        this.secrets = secrets;
    }

    public SourceConfig sourceConfig(Pipe p) {
        return new SourceConfig(p.sourceUrl(), p.sourceUser(), secrets.decrypt(p.sourcePasswordEnc()));
    }

    /** The full source JDBC URL, password included. */
    public String sourceUrl(Pipe p) {
        return ConnectionUrl.joinJdbc(p.sourceUrl(), secrets.decrypt(p.sourcePasswordEnc()));
    }

    /** The full destination URL, password included. */
    public String destinationUrl(Pipe p) {
        ConnectionUrl d = ConnectionUrl.splitUserInfo(p.destinationUrl());
        return ConnectionUrl.joinUserInfo(p.destinationUrl(), d.user(), secrets.decrypt(p.destinationPasswordEnc()));
    }
}
