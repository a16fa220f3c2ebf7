package io.github.dingtalkauth.sample;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import java.util.Properties;

/** Dev mode (no appId configured): the settings that point the filter at the DingTalk emulator. */
final class DevMode {
    private DevMode() {
    }

    /** Sets what dev mode needs in {@code props}, keeping what the user's file chose where that is still valid. */
    static void pointAt(DingTalkEmulator emu, Properties props) {
        props.setProperty("appId", String.valueOf(emu.clientId()));
        props.setProperty("appSecret", String.valueOf(emu.clientSecret()));
        if (!"legacy".equals(props.getProperty("flow", "").trim())) {
            // flow=legacy finds its own login page under oapiBaseUrl
            props.setProperty("authorizeUrl", String.valueOf(emu.authorizeUrl()));
        }
        props.setProperty("apiBaseUrl", String.valueOf(emu.apiBaseUrl()));
        props.setProperty("oapiBaseUrl", emu.oapiBaseUrl());
        if (props.getProperty("qrLoginScriptUrl") == null) {
            // So that loginPage=qr alone works: the emulator stands in for DingTalk's QR script.
            props.setProperty("qrLoginScriptUrl", emu.qrLoginScriptUrl());
        }
        if (props.getProperty("allowedCorpIds") == null) {
            // Only the emulator's organization: its outsider and external contact see the refusal.
            props.setProperty("allowedCorpIds", emu.corpId());
        }
        roles(props);
        inApp(props, emu);
    }

    /**
     * A few roles, so that {@code /me} shows some out of the box: 张三 is an admin, 李四 and Alice lead. Only when
     * the file defines no {@code role.*} rule of its own, so that the user's rules are the only ones.
     */
    private static void roles(Properties props) {
        if (props.stringPropertyNames().stream().noneMatch(key -> key.startsWith("role."))) {
            props.setProperty("role.admin", "dingtalkAdmin");
            props.setProperty("role.staff", "member");
            props.setProperty("role.leads", "leader, boss");
        }
    }

    /**
     * Opened with DingTalk's user agent, the sample signs in silently (免登) through the emulator's stand-in SDK,
     * as the emulator's client user (张三 unless a test says otherwise). Not when the file decides otherwise, nor
     * without allowedCorpIds (which it needs), nor with principalName=openId (which it cannot name).
     */
    private static void inApp(Properties props, DingTalkEmulator emu) {
        props.setProperty("jsapiUrl", emu.jsapiUrl());
        if (props.getProperty("inAppLogin") == null && !props.getProperty("allowedCorpIds", "").isBlank()
                && !"openId".equals(props.getProperty("principalName", "").trim())) {
            props.setProperty("inAppLogin", "true");
        }
    }
}
