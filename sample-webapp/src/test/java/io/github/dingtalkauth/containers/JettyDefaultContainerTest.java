package io.github.dingtalkauth.containers;

/** {@link DefaultContainerScenarios} on Jetty 12 ee10. */
class JettyDefaultContainerTest extends DefaultContainerScenarios {
    @Override
    protected CodeRegisteredContainer container() {
        return new JettyContainer();
    }
}
