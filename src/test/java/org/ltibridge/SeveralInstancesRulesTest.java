package org.ltibridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What several instances behind a load balancer without sticky sessions need from the code (README,
 * "Several instances behind nginx"): nothing a later request needs is kept in one instance's HTTP
 * session. Jakarta Faces' own {@code @ViewScoped} keeps its beans in the session even with
 * client-side state saving, so view-scoped beans are OmniFaces' with {@code saveInViewState =
 * true}; nothing calls {@code getSession()} (which opens one); no sign-in but {@code
 * SignInMechanism}'s.
 */
class SeveralInstancesRulesTest {

  private static final Path SOURCES = Path.of("src/main/java/org/ltibridge");

  private static final List<Pattern> FORBIDDEN =
      List.of(
          Pattern.compile("import jakarta\\.faces\\.view\\.ViewScoped;"),
          Pattern.compile("@(org\\.omnifaces\\.cdi\\.)?ViewScoped(?!\\(saveInViewState = true\\))"),
          Pattern.compile("import jakarta\\.enterprise\\.context\\.SessionScoped;"),
          Pattern.compile("\\.getSession\\((true)?\\)"),
          Pattern.compile("@\\w*AuthenticationMechanismDefinition"));

  @Test
  void nothingLivesInOneInstancesSession() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      List<String> found =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .flatMap(
                  file -> {
                    String text = read(file);
                    return FORBIDDEN.stream()
                        .filter(p -> p.matcher(text).find())
                        .map(p -> SOURCES.relativize(file) + ": " + p.pattern());
                  })
              .toList();
      assertEquals(List.of(), found);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
