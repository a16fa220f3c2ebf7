package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.client.DingTalkApiException;
import io.github.dingtalkauth.client.Deadline;
import io.github.dingtalkauth.client.Membership;

/**
 * Asks the organization's directory where a signed-in person stands now, for {@code memberRecheck}. The filter
 * backs it with {@code OrgDirectory::membership}; tests with a double.
 */
@FunctionalInterface
public interface MembershipProbe {
    /** @throws DingTalkApiException when DingTalk gave no usable answer; the session is then kept */
    Membership membership(String unionId, Deadline deadline) throws DingTalkApiException;
}
