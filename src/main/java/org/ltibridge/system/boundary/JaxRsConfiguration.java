package org.ltibridge.system.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * JAX-RS owns the whole URL space of the application; JSF views are rendered under {@code /ui/*}
 * (see web.xml). {@code @ApplicationScoped} makes the class a CDI bean, which Payara needs for
 * MicroProfile JWT injection with annotated bean discovery (Payara discovers annotated beans only).
 */
@ApplicationScoped
@ApplicationPath("/")
public class JaxRsConfiguration extends Application {}
