package io.github.dingtalkauth.servlet61;

import io.github.dingtalkauth.containers.CodeRegisteredContainer;
import io.github.dingtalkauth.containers.DefaultContainerScenarios;

/** The container-defaults scenarios on Jetty 12 ee11. */
class JettyEe11DefaultContainerTest extends DefaultContainerScenarios {
    @Override
    protected CodeRegisteredContainer container() {
        return new JettyEe11Container();
    }
}
