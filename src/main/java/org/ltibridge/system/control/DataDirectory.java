package org.ltibridge.system.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's private working directory (embedded database, generated key material, the one-time
 * admin password). Files written here are readable by the server's user only.
 */
@ApplicationScoped
public class DataDirectory {

  @Inject
  @ConfigProperty(name = "lti-bridge.data-dir", defaultValue = "./data")
  String dataDir;

  public Path root() {
    Path root = Path.of(dataDir).toAbsolutePath().normalize();
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create data directory " + root, e);
    }
    return root;
  }

  /** Reads a private file, if present. */
  public Optional<String> read(String name) {
    Path file = root().resolve(name);
    try {
      return Files.exists(file)
          ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim())
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /**
   * Creates a file readable and writable by the owner only; returns false if it already exists
   * (never overwrites, so two instances starting at once agree on the first writer).
   */
  public boolean createPrivate(String name, String content) {
    Path file = root().resolve(name);
    try {
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      }
      Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.WRITE);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  public Path pathOf(String name) {
    return root().resolve(name);
  }
}
