package io.github.dingtalkauth.servlet61;

import io.github.dingtalkauth.containers.CodeRegisteredContainer;
import io.github.dingtalkauth.containers.DefaultContainerScenarios;
import io.github.dingtalkauth.containers.TomcatContainer;
import org.junit.jupiter.api.Test;

/** The container-defaults scenarios on Tomcat 11. */
class Tomcat11DefaultContainerTest extends DefaultContainerScenarios {
    @Override
    protected CodeRegisteredContainer container() {
        return new TomcatContainer();
    }

    @Test
    void runsOnTomcat11() {
        Tomcat11.assertOnTheClassPath();
    }
}
