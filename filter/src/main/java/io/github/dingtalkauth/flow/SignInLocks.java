package io.github.dingtalkauth.flow;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises the sign-in step of callbacks that came with the same session cookie, without locking the session object
 * (containers hand out facades, and persistent stores swap sessions out, so its monitor is no reliable lock): a fixed
 * set of locks, one picked by the session id the request named. Two sessions share a lock only by chance, and then
 * for the microseconds a sign-in step takes; no call to DingTalk is ever made under one.
 */
final class SignInLocks {
    private final ReentrantLock[] stripes;

    SignInLocks(int count) {
        stripes = new ReentrantLock[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** The lock for the session this request named in its cookie. */
    ReentrantLock forSession(String requestedSessionId) {
        int hash = requestedSessionId == null ? 0 : requestedSessionId.hashCode();
        return stripes[Math.floorMod(hash ^ (hash >>> 16), stripes.length)];
    }
}
