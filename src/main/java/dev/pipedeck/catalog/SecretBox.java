package dev.pipedeck.catalog;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encrypts secrets (database and ClickHouse passwords) for storage in the catalog with AES-256-GCM.
 * The key comes from {@code $PIPEDECK_SECRET_KEY} (any string; hashed to 256 bits) or else from a key file
 * ({@code ~/.pipedeck/secret.key}, created with mode 0600 on first use). Every process that runs a pipe
 * (console, worker) must use the same key.
 * Stored form: {@code v1:} + base64(12-byte nonce || ciphertext || tag).
 */
public final class SecretBox {
    private static final String PREFIX = "v1:";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    public SecretBox(byte[] keyMaterial) {
        try {
            this.key = new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(keyMaterial), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key from the environment or the default key file. */
    public static SecretBox fromEnvironment() {
        String env = System.getenv("PIPEDECK_SECRET_KEY");
        if (env != null && !env.isBlank()) {
            return new SecretBox(env.getBytes(StandardCharsets.UTF_8));
        }
        return fromKeyFile(PipedeckHome.dir().resolve("secret.key"));
    }

    /** Reads the key file, creating it (mode 0600, 32 random bytes) when missing. */
    public static SecretBox fromKeyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                createKeyFile(file);
            }
            byte[] stored = Files.readAllBytes(file);
            if (stored.length == 0) {
                String why = "the secret key file " + file + " is empty: restore it, "
                        + "or set PIPEDECK_SECRET_KEY to the key the pipes were created with";
                throw new UncheckedIOException(why, new IOException(why));
            }
            return new SecretBox(stored);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the secret key file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a new random key to a private temporary file and links it into place, so the key file appears complete
     * or not at all: a process starting at the same moment never reads a half-written (empty) key, and when two
     * race, both use the one that won.
     */
    private static void createKeyFile(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        Path tmp = Files.createTempFile(dir, ".secret-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(tmp, Base64.getEncoder().encode(k));
            try {
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException raced) {
                throw raced;
            } catch (UnsupportedOperationException | java.nio.file.FileSystemException noHardLinks) {
                Files.move(tmp, file); // not atomic, but still refuses to replace an existing key
            }
        } catch (FileAlreadyExistsException raced) {
            // another process created it first: use theirs
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + ct.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(ct, 0, out, nonce.length, ct.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** @throws CatalogException when the secret was written with another key */
    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        if (!stored.startsWith(PREFIX)) {
            throw new CatalogException("a stored secret has an unknown format");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
            return new String(c.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CatalogException("cannot decrypt a stored password: this process uses a different secret key "
                    + "(set PIPEDECK_SECRET_KEY to the key the pipe was created with)");
        }
    }
}
