package org.ltibridge.lti13.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ltibridge.lti13.platform.control.PlatformUrls;
import org.ltibridge.system.control.PublicUrl;

/**
 * The platform's issuer and URLs for a request. The issuer is {@code LTI13_PLATFORM_ISSUER} when
 * set (it must never change once tools are registered), else the application's public URL.
 */
@ApplicationScoped
public class Platform {

  @Inject PublicUrl publicUrl;

  @Inject
  @ConfigProperty(name = "lti13.platform.issuer")
  Optional<String> issuer;

  public PlatformUrls urls(HttpServletRequest request) {
    String base = publicUrl.base(request);
    return new PlatformUrls(base, issuer.filter(s -> !s.isBlank()).map(String::strip).orElse(base));
  }
}
