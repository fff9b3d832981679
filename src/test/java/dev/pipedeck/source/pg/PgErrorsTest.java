package dev.pipedeck.source.pg;

import dev.pipedeck.change.FailureKind;
import dev.pipedeck.change.PipeDeckException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Server answers that need a server in a state too costly to set up in a test (every slot taken on a server shared
 * by the whole run), as the driver hands them over: the same fields Postgres sends.
 */
class PgErrorsTest {
    @Test
    void allSlotsInUseSaysWhichSettingAndWhatToDoAndIsRetried() {
        PSQLException e = new PSQLException(new ServerErrorMessage(
                "SERROR\0VERROR\0C53400\0Mall replication slots are in use\0HFree one or increase max_replication_slots.\0"));
        PipeDeckException mapped = PgErrors.map(e, "creating slot pipedeck_slot_x", new SourceConfig("jdbc:postgresql://h/db", "rep", "pw-secret-1"));
        assertEquals(FailureKind.TRANSIENT, mapped.kind());
        assertTrue(mapped.getMessage().startsWith("All replication slots of the source are in use while creating slot pipedeck_slot_x"),
                mapped.getMessage());
        assertTrue(mapped.getMessage().contains("raise max_replication_slots and restart Postgres"), mapped.getMessage());
        assertFalse(mapped.getMessage().contains("pw-secret-1"));
    }
}
