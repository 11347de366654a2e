package dev.chorus.config;

import java.util.Map;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.hibernate.engine.transaction.jta.platform.internal.StandardJtaPlatformResolver;
import org.hibernate.engine.transaction.jta.platform.internal.SunOneJtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatformResolver;
import org.hibernate.service.spi.ServiceRegistryImplementor;

/**
 * Picks Hibernate's JTA platform at runtime so one persistence.xml serves Payara and WildFly.
 *
 * <p>Hibernate's standard resolver finds nothing on Payara (hence "No JTA platform available"), so
 * Payara is recognised by its transaction manager's JNDI name; everywhere else the standard
 * resolver decides.
 */
public class PortableJtaPlatformResolver implements JtaPlatformResolver {
  @Override
  @SuppressWarnings("rawtypes")
  public JtaPlatform resolveJtaPlatform(
      Map configurationValues, ServiceRegistryImplementor registry) {
    try {
      new InitialContext().lookup("java:appserver/TransactionManager");
      return new SunOneJtaPlatform();
    } catch (NamingException notPayara) {
      return StandardJtaPlatformResolver.INSTANCE.resolveJtaPlatform(configurationValues, registry);
    }
  }
}
