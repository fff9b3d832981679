package dev.pipedeck.source.pg;

import dev.pipedeck.change.TableRef;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidationRulesTest {
    private static ValidationRules.ServerFacts good() {
        return new ValidationRules.ServerFacts("app", "shop", 170000, "logical", false, true, false, true, 10, 2, 10, 1);
    }

    @Test
    void healthyServerHasNoProblems() {
        assertEquals(List.of(), ValidationRules.checkServer(good()));
    }

    @Test
    void walLevelNotLogical() {
        var f = new ValidationRules.ServerFacts("app", "shop", 170000, "replica", false, true, false, true, 10, 2, 10, 1);
        List<SourceProblem> p = ValidationRules.checkServer(f);
        assertEquals(1, p.size());
        assertEquals("wal_level is 'replica'; logical replication needs 'logical'.", p.get(0).problem());
        assertTrue(p.get(0).fix().contains("ALTER SYSTEM SET wal_level = logical;"));
    }

    @Test
    void oldServer() {
        var f = new ValidationRules.ServerFacts("app", "shop", 110005, "logical", false, true, false, true, 10, 2, 10, 1);
        assertEquals("The source runs Postgres 11; PipeDeck needs Postgres 12 or later.",
                ValidationRules.checkServer(f).get(0).problem());
    }

    @Test
    void noReplicationRightUnlessSuperuserOrRds() {
        var none = new ValidationRules.ServerFacts("app user", "shop", 170000, "logical", false, false, false, true, 10, 2, 10, 1);
        List<SourceProblem> p = ValidationRules.checkServer(none);
        assertEquals(1, p.size());
        assertTrue(p.get(0).fix().startsWith("Run ALTER ROLE \"app user\" REPLICATION;"), p.get(0).fix());
        assertEquals(List.of(), ValidationRules.checkServer(
                new ValidationRules.ServerFacts("a", "shop", 170000, "logical", false, false, true, true, 10, 2, 10, 1)));
        assertEquals(List.of(), ValidationRules.checkServer(
                new ValidationRules.ServerFacts("a", "shop", 170000, "logical", true, false, false, true, 10, 2, 10, 1)));
    }

    @Test
    void noCreatePrivilegeOnDatabase() {
        var f = new ValidationRules.ServerFacts("app", "shop", 170000, "logical", false, true, false, false, 10, 2, 10, 1);
        List<SourceProblem> p = ValidationRules.checkServer(f);
        assertEquals(List.of(new SourceProblem("User \"app\" may not create the publication in database shop.",
                "Run GRANT CREATE ON DATABASE \"shop\" TO \"app\";")), p);
    }

    @Test
    void noFreeSlotsOrSenders() {
        var f = new ValidationRules.ServerFacts("app", "shop", 170000, "logical", false, true, false, true, 4, 4, 3, 3);
        List<SourceProblem> p = ValidationRules.checkServer(f);
        assertEquals(2, p.size());
        assertTrue(p.get(0).problem().startsWith("All 4 replication slots (max_replication_slots) are in use"));
        assertTrue(p.get(1).problem().startsWith("All 3 WAL senders (max_wal_senders) are in use"));
    }

    @Test
    void tableVerdicts() {
        TableRef t = new TableRef("sales", "Order Items");
        assertEquals("Table sales.Order Items does not exist in the source database.", ValidationRules.checkTable("app",
                new ValidationRules.TableFacts(t, false, false, false, null, false, false, List.of())).get(0).problem());
        List<SourceProblem> p = ValidationRules.checkTable("app",
                new ValidationRules.TableFacts(t, true, false, false, "owner", false, false, List.of("x")));
        assertEquals(4, p.size());
        assertEquals("Run GRANT SELECT ON \"sales\".\"Order Items\" TO \"app\";", p.get(0).fix());
        assertEquals("User \"app\" does not own table sales.Order Items, which Postgres requires to add it to a "
                + "publication.", p.get(1).problem());
        assertEquals("Run GRANT \"owner\" TO \"app\"; (membership in the owner role is enough)", p.get(1).fix());
        assertEquals("Add a primary key: ALTER TABLE \"sales\".\"Order Items\" ADD PRIMARY KEY (...); or, if a unique "
                + "index on NOT NULL columns identifies the rows, ALTER TABLE \"sales\".\"Order Items\" REPLICA IDENTITY "
                + "USING INDEX <index>;", p.get(2).fix());
        List<SourceProblem> full = ValidationRules.checkTable("app",
                new ValidationRules.TableFacts(t, true, true, true, "app", false, true, List.of()));
        assertEquals(1, full.size(), "REPLICA IDENTITY FULL without a key is refused");
        assertTrue(full.get(0).problem().contains("identical rows would become one"), full.get(0).problem());
        assertEquals(List.of(), ValidationRules.checkTable("app",
                new ValidationRules.TableFacts(t, true, true, true, "app", true, false, List.of())));
    }
}
