package org.ltibridge.system.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.ltibridge.system.control.Languages;

/**
 * The language links of a console page's bar: this page again, in another language. The query is
 * kept but for its {@code lang} parameter; {@code console.js} does the same from the address bar,
 * which keeps the query an ajax postback does not send.
 */
@Named
@RequestScoped
public class ConsoleLanguage {

  /** The languages a person can choose, each with its own name in its own language. */
  public record Choice(String code, String name, boolean current, String href) {}

  private static final List<String> NAMES = List.of("English", "Español");

  public List<Choice> getChoices() {
    FacesContext faces = FacesContext.getCurrentInstance();
    HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
    String current = RequestLanguage.ofView();
    String kept =
        request.getQueryString() == null || !"GET".equals(request.getMethod())
            ? ""
            : Arrays.stream(request.getQueryString().split("&"))
                .filter(p -> !p.isEmpty() && !p.startsWith(Languages.PARAM + "="))
                .collect(Collectors.joining("&"));
    return Languages.SUPPORTED.stream()
        .map(
            code ->
                new Choice(
                    code,
                    NAMES.get(Languages.SUPPORTED.indexOf(code)),
                    code.equals(current),
                    request.getRequestURI()
                        + "?"
                        + (kept.isEmpty() ? "" : kept + "&")
                        + Languages.PARAM
                        + "="
                        + code))
        .toList();
  }
}
