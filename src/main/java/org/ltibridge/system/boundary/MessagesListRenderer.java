package org.ltibridge.system.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ResponseWriter;
import jakarta.faces.context.ResponseWriterWrapper;
import java.io.IOException;
import org.primefaces.component.messages.Messages;
import org.primefaces.component.messages.MessagesRenderer;

/**
 * PrimeFaces' {@code p:messages} with its list left a list. PrimeFaces gives each {@code <li>}
 * {@code role="alert"}, which takes it out of the list for assistive technology, so the {@code
 * <ul>} holds no list items (WAI-ARIA 1.2, 5.3.3 "alert" is not a list item; axe-core rule {@code
 * list}); the surrounding {@code <div>} already has {@code aria-live="polite"}, so the messages are
 * still announced. Registered for PrimeFaces' messages renderer type in faces-config.xml.
 */
public class MessagesListRenderer extends MessagesRenderer {

  @Override
  protected void encodeMessage(
      ResponseWriter writer, Messages uiMessages, FacesMessage msg, String severity, boolean escape)
      throws IOException {
    super.encodeMessage(new WithoutAlertRole(writer), uiMessages, msg, severity, escape);
  }

  /** Writes everything but a {@code role="alert"} attribute. */
  private static final class WithoutAlertRole extends ResponseWriterWrapper {

    WithoutAlertRole(ResponseWriter writer) {
      super(writer);
    }

    @Override
    public void writeAttribute(String name, Object value, String property) throws IOException {
      if (!("role".equals(name) && "alert".equals(value))) {
        super.writeAttribute(name, value, property);
      }
    }
  }
}
