/*
 * DingTalk emulator: a stand-in for DingTalk's embedded login script (h5-dingtalk-login/ddlogin.js, protocol 1.6).
 * Not DingTalk's code. window.DTFrameLogin(frameOptions, loginOptions, onSuccess, onError) puts the emulator's QR
 * frame into the element frameOptions.id names; a "scan" there posts {redirectUrl, authCode, state} back, which is
 * accepted only from the emulator's origin and from that very frame, and handed to onSuccess.
 */
(function () {
  var origin = new URL(document.currentScript.src).origin;
  var REQUIRED = ['redirect_uri', 'client_id', 'scope', 'response_type', 'prompt'];

  function invalid(onError, why) {
    if (typeof onError === 'function') {
      onError('invalidRequestMessage: ' + why);
    }
  }

  window.DTFrameLogin = function (frameOptions, loginOptions, onSuccess, onError) {
    var box = frameOptions && document.getElementById(frameOptions.id);
    if (!box) {
      invalid(onError, 'frameOptions.id names no element');
      return;
    }
    var options = loginOptions || {};
    for (var i = 0; i < REQUIRED.length; i++) {
      if (!options[REQUIRED[i]]) {
        invalid(onError, REQUIRED[i] + ' is missing');
        return;
      }
    }
    if (String(options.scope).split(' ').indexOf('corpid') >= 0 && (!options.org_type || !options.corpId)) {
      invalid(onError, 'org_type and corpId are required with scope openid corpid');
      return;
    }
    var query = Object.keys(options).map(function (name) {
      return encodeURIComponent(name) + '=' + encodeURIComponent(options[name]);
    }).join('&');
    var frame = document.createElement('iframe');
    frame.src = origin + '/h5-dingtalk-login/frame?' + query;
    frame.width = String(frameOptions.width || 300);
    frame.height = String(frameOptions.height || 300);
    frame.title = '钉钉扫码登录 · DingTalk QR login (emulator)';
    frame.setAttribute('frameborder', '0');
    while (box.firstChild) {
      box.removeChild(box.firstChild);
    }
    box.appendChild(frame);
    window.addEventListener('message', function (event) {
      if (event.origin !== origin || event.source !== frame.contentWindow) {
        return;
      }
      var data = event.data || {};
      if (typeof data.redirectUrl === 'string' && typeof onSuccess === 'function') {
        onSuccess({redirectUrl: data.redirectUrl, authCode: data.authCode, state: data.state});
      }
    });
  };
})();
