// The sign-in redirect page: hands the authorization response to the page that opened the
// sign-in window, removes it from the address bar and history, and closes the window.
// Keep it tiny and free of any framework: it runs before anything else can read the URL.
(function () {
  "use strict";
  var raw = location.hash.length > 1 ? location.hash.slice(1) : location.search.slice(1);
  // The code must not stay in any URL or history entry.
  history.replaceState(null, "", location.pathname);
  if (!raw) {
    window.close();
    return;
  }
  var state = new URLSearchParams(raw).get("state") || "";
  var id = state.split(".")[0];
  var message = { v: 1, type: "onedrive-picker-auth", params: raw };
  if (id && typeof BroadcastChannel === "function") {
    var channel = new BroadcastChannel("onedrive-picker-auth:" + id);
    channel.postMessage(message);
    channel.close();
  }
  try {
    if (window.opener && window.opener !== window) {
      window.opener.postMessage(message, location.origin);
    }
  } catch (e) {
    // Cross-Origin-Opener-Policy may have severed the opener: the channel above still works.
  }
  document.getElementById("status").textContent = "Sign-in finished. You can close this window.";
  window.close();
})();
