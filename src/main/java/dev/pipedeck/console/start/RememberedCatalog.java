package dev.pipedeck.console.start;

import java.time.Instant;

/**
 * A catalog the user connected to before, as kept in their preferences: the password only in the encrypted form
 * that {@link dev.pipedeck.catalog.SecretBox} writes (null when none was typed).
 */
public record RememberedCatalog(CatalogAddress address, String encryptedPassword, Instant lastUsed) {
    @Override
    public String toString() {
        return address.display();
    }
}
