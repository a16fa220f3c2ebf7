package io.github.dingtalkauth.containers;

/** {@link DefaultContainerScenarios} on Tomcat 10.1. */
class TomcatDefaultContainerTest extends DefaultContainerScenarios {
    @Override
    protected CodeRegisteredContainer container() {
        return new TomcatContainer();
    }
}
