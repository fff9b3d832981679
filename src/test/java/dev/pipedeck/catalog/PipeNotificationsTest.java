package dev.pipedeck.catalog;

import dev.pipedeck.testing.TestCatalog;
import org.junit.jupiter.api.Test;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Status and desired-state changes reach listeners by NOTIFY, with the pipe's name. */
class PipeNotificationsTest {
    @Test
    void aPauseIsAnnouncedWithThePipeName() throws Exception {
        try (TestCatalog db = new TestCatalog("notify")) {
            db.createPipe("announced");
            LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
            try (PipeNotifications n = PipeNotifications.start(db.url(), got::add)) {
                // the listener connects on its own thread: repeat a harmless change until it is heard
                String first = null;
                for (int i = 0; i < 50 && first == null; i++) {
                    db.control().repository().updateStatus(db.control().get("announced").id(),
                            i % 2 == 0 ? PipeStatus.SNAPSHOT : PipeStatus.SETUP, "warm-up", TestCatalog.ENGINE);
                    first = got.poll(100, TimeUnit.MILLISECONDS);
                }
                assertEquals("announced", first);
                Thread.sleep(200);
                got.clear();
                db.control().pause("announced", Actor.of(Actor.Kind.CLI));
                assertEquals("announced", got.poll(5, TimeUnit.SECONDS));
            }
        }
    }
}
