package org.ltibridge.fastpath;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A request whose body a filter has read, readable again for the rest of the chain (the filters
 * that answer the hot paths themselves and pass everything else on to JAX-RS).
 */
public final class ReplayedBody extends HttpServletRequestWrapper {

  /** LTI form bodies are a few kilobytes; a larger one is left to JAX-RS untouched. */
  public static final int MAX_BODY = 64 * 1024;

  private final byte[] body;

  public ReplayedBody(HttpServletRequest request, byte[] body) {
    super(request);
    this.body = body;
  }

  /** A form POST a filter may read whole: {@code application/x-www-form-urlencoded}, small. */
  public static boolean isSmallForm(HttpServletRequest request) {
    String type = request.getContentType();
    return "POST".equals(request.getMethod())
        && type != null
        && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")
        && request.getContentLength() >= 0
        && request.getContentLength() <= MAX_BODY;
  }

  @Override
  public ServletInputStream getInputStream() {
    ByteArrayInputStream in = new ByteArrayInputStream(body);
    return new ServletInputStream() {
      @Override
      public int read() {
        return in.read();
      }

      @Override
      public int read(byte[] b, int off, int len) {
        return in.read(b, off, len);
      }

      @Override
      public boolean isFinished() {
        return in.available() == 0;
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setReadListener(ReadListener listener) {
        throw new IllegalStateException("Replayed bodies are read synchronously");
      }
    };
  }

  @Override
  public BufferedReader getReader() {
    return new BufferedReader(
        new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
  }
}
