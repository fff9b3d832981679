package dev.pipedeck.catalog;

import dev.pipedeck.testing.TestCatalog;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipeRepositoryTest {
    @Test
    void aPipeIsOwnedByALiveWorkerExactlyWhileTheEngineAdvisoryLockIsHeld() throws Exception {
        try (TestCatalog db = new TestCatalog("owner")) {
            Pipe p = db.createPipe("owned");
            Pipe other = db.createPipe("other");
            PipeRepository repo = db.control().repository();
            assertFalse(repo.isOwnedByLiveWorker(p.id()));
            try (Connection worker = DriverManager.getConnection(db.url()); Statement st = worker.createStatement()) {
                st.execute("SELECT pg_advisory_lock(5260363, " + p.id() + ")");
                st.execute("SELECT pg_advisory_lock(" + p.id() + ")"); // a single-key lock on the same number is not ownership
                assertTrue(repo.isOwnedByLiveWorker(p.id()));
                assertFalse(repo.isOwnedByLiveWorker(other.id()));
            }
            // the worker's session ended: Postgres released its lock
            for (int i = 0; i < 50 && repo.isOwnedByLiveWorker(p.id()); i++) {
                Thread.sleep(50);
            }
            assertFalse(repo.isOwnedByLiveWorker(p.id()));
        }
    }

    @Test
    void aLockInAnotherDatabaseDoesNotCount() throws Exception {
        try (TestCatalog db = new TestCatalog("owner_a"); TestCatalog other = new TestCatalog("owner_b")) {
            Pipe p = db.createPipe("owned");
            try (Connection worker = DriverManager.getConnection(other.url()); Statement st = worker.createStatement()) {
                st.execute("SELECT pg_advisory_lock(5260363, " + p.id() + ")");
                assertFalse(db.control().repository().isOwnedByLiveWorker(p.id()));
            }
        }
    }
}
