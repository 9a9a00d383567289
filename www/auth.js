// The sign-in redirect page, in three roles.
// 1. Redirect: hands the authorization response to the page that opened the sign-in window,
//    removes it from the address bar and history, and closes the window. When the page itself
//    came here (a redirect sign-in), its record in this origin's session storage takes the
//    response and the page returns to where it was: the page's own routes never see it.
// 2. Relay (`#relay=<authorize URL>`, for a picker inside a cross-origin iframe): on a click, opens
//    the sign-in in a window of its own, waits for that window's answer on this origin's
//    BroadcastChannel, and posts it to the frame that opened this page (same origin only).
// Keep it tiny and free of any framework: it runs before anything else can read the URL.
(function () {
  "use strict";
  var PREFIX = "onedrive-picker-auth:";
  var TYPE = "onedrive-picker-auth";
  var german = /^de\b/i.test(navigator.language || "");
  var TEXT = german
    ? { done: "Anmeldung abgeschlossen. Sie können dieses Fenster schließen.",
        relay: "Melden Sie sich in einem eigenen Fenster bei Microsoft an.",
        go: "Weiter zur Anmeldung", waiting: "Warten auf das Anmeldefenster…",
        refused: "Diese Seite wurde nicht von der Dateiauswahl geöffnet." }
    : { done: "Sign-in finished. You can close this window.",
        relay: "Sign in to Microsoft in a window of its own.",
        go: "Continue to sign in", waiting: "Waiting for the sign-in window…",
        refused: "This page was not opened by the file picker." };
  var status = document.getElementById("status");
  var raw = location.hash.length > 1 ? location.hash.slice(1) : location.search.slice(1);
  // Neither the code nor the relayed request may stay in any URL or history entry.
  history.replaceState(null, "", location.pathname);
  if (!raw) {
    window.close();
    return;
  }
  var params = new URLSearchParams(raw);
  if (params.has("relay")) {
    relay(params.get("relay"));
    return;
  }
  var id = (params.get("state") || "").split(".")[0];
  if (id && comeBack(id)) return;
  var message = { v: 1, type: TYPE, params: raw };
  if (id && typeof BroadcastChannel === "function") {
    var channel = new BroadcastChannel(PREFIX + id);
    channel.postMessage(message);
    channel.close();
  }
  try {
    if (window.opener && window.opener !== window) {
      window.opener.postMessage(message, location.origin);
    }
  } catch (e) {
    // The sign-in page's opener policy severs the opener: the channel above still works.
  }
  status.textContent = TEXT.done;
  window.close();

  /**
   * A redirect sign-in's answer: kept in the record of attempt `id` (this origin's session
   * storage), then back to the address the record names (this origin only). Whether it was one.
   */
  function comeBack(id) {
    var key = "onedrive-picker.redirect|" + id;
    var record;
    try {
      record = JSON.parse(sessionStorage.getItem(key));
    } catch (e) {
      return false;
    }
    if (!record || record.v !== 1 || typeof record["return"] !== "string") return false;
    var back;
    try {
      back = new URL(record["return"], location.href);
    } catch (e) {
      back = null;
    }
    if (!back || back.origin !== location.origin) {
      sessionStorage.removeItem(key);
      status.textContent = TEXT.refused;
      return true;
    }
    record.params = raw;
    sessionStorage.setItem(key, JSON.stringify(record));
    location.replace(back.href);
    return true;
  }

  /** Relays one sign-in for the frame that opened this page. */
  function relay(target) {
    var opener = window.opener;
    var url, id;
    try {
      // Only for a page of this very origin (reading its origin throws for any other one), and
      // only towards an http(s) sign-in address.
      if (!opener || opener.location.origin !== location.origin) throw new Error("opener");
      url = new URL(target);
      if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("scheme");
      id = (url.searchParams.get("state") || "").split(".")[0];
      if (!id) throw new Error("state");
    } catch (e) {
      status.textContent = TEXT.refused;
      return;
    }
    var channel = new BroadcastChannel(PREFIX + id);
    channel.onmessage = function (e) {
      if (!e.data || e.data.type !== TYPE) return;
      channel.close();
      opener.postMessage(e.data, location.origin);
      status.textContent = TEXT.done;
      window.close();
    };
    var button = document.getElementById("continue");
    status.textContent = TEXT.relay;
    button.textContent = TEXT.go;
    button.hidden = false;
    button.focus();
    // A window opened without a click is blocked, so the user continues with one.
    button.addEventListener("click", function () {
      var child = window.open(url.href, "odp-signin-" + id, "width=483,height=600,scrollbars=yes");
      if (child) {
        button.hidden = true;
        status.textContent = TEXT.waiting;
      }
    });
  }
})();
