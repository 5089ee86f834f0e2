package dev.keycard.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR that {@code mvn package} built: the tests run against exactly what ships. */
final class Deployments {

    private Deployments() {}

    static WebArchive keycard() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("keycard.war")));
    }
}
