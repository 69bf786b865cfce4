/* Ruang Aman: Quick exit (GOV.UK "Exit this page" pattern), search opened on demand, and
   offline: registers the service worker (sw.js at the site root) and shows a notice offline.
   Everything here is an enhancement: without JavaScript the exit link still works and search
   stays hidden. Strings come from data-* attributes written in the reader's language. */
(function () {
  "use strict";
  var root = document.documentElement;
  var top = document.querySelector(".ra-top");
  var status = document.querySelector("[data-ra-exit-status]");
  var exitLink = document.querySelector(".ra-exit");
  var presses = 0;
  var timer = null;
  var otherKey = false;

  function say(text) {
    if (status) status.textContent = text || "";
  }

  var leaving = false;

  // The offline copy (the service worker's Cache Storage, sw.js) holds every page the reader
  // opened: Quick exit empties it before leaving. The worker stays registered, so the next
  // visit is kept for offline reading again. Resolves when the caches are gone (or cannot be).
  function forgetOfflineCopy() {
    var asked = [];
    var sw = navigator.serviceWorker;
    if (sw && sw.controller) {
      // The worker drops what it is still fetching to keep, then empties its caches too.
      asked.push(new Promise(function (resolve) {
        var channel = new MessageChannel();
        channel.port1.onmessage = resolve;
        sw.controller.postMessage({ forget: true }, [channel.port2]);
      }));
    }
    if (sw && sw.getRegistration) {
      // A worker still installing keeps pages too: it is told as well.
      asked.push(sw.getRegistration().then(function (reg) {
        [reg && reg.installing, reg && reg.waiting].forEach(function (worker) {
          if (worker) worker.postMessage({ forget: true });
        });
      }));
    }
    if (window.caches) {
      asked.push(caches.keys().then(function (keys) {
        return Promise.all(keys.filter(function (key) {
          return key.indexOf("ruangaman-") === 0;
        }).map(function (key) {
          return caches.delete(key);
        }));
      }));
    }
    return Promise.all(asked.map(function (step) {
      return step.catch(function () {});
    }));
  }

  // Each exit gets a number: a page restored by Back (pageshow) starts a new one, so what was
  // still pending from the last exit (its timer, the caches' promise) does nothing there.
  var exits = 0;
  var sent = false;
  var title = document.title;

  function go() {
    sent = true;
    // replace(): this page leaves the tab's history, so Back does not bring it back.
    window.location.replace(exitLink.href);
  }

  function exitNow(event) {
    if (event) event.preventDefault();
    // Hide the page at once: on a slow network the next site can take seconds to appear.
    root.classList.add("ra-exiting");
    document.title = "";
    if (sent) return go(); // asked again after the first navigation was stopped
    if (leaving) return; // still emptying the caches: the exit is on its way
    leaving = true;
    var mine = ++exits;
    function leave() {
      if (mine === exits && !sent) go();
    }
    // Emptying the caches takes milliseconds; the page is hidden meanwhile. Leave anyway if
    // it takes longer than two seconds.
    forgetOfflineCopy().then(leave, leave);
    window.setTimeout(leave, 2000);
  }

  function reset(expired) {
    if (timer) window.clearTimeout(timer);
    timer = null;
    if (expired && presses > 0) say(top.getAttribute("data-ra-exit-expired"));
    presses = 0;
  }

  if (top && exitLink) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-ra-exit]"), function (link) {
      link.addEventListener("click", exitNow);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Shift") {
        otherKey = true; // Shift+A and the like are typing, not a request to exit
        reset(false);
      }
    });
    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift") return;
      if (otherKey) {
        otherKey = false;
        return;
      }
      presses += 1;
      if (!timer) timer = window.setTimeout(function () { reset(true); }, 5000);
      if (presses >= 3) {
        reset(false);
        say(top.getAttribute("data-ra-exit-leaving"));
        exitNow();
      } else {
        say(top.getAttribute(presses === 1 ? "data-ra-exit-two" : "data-ra-exit-one"));
      }
    });
    // A page restored from the back-forward cache must be usable again.
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) {
        exits += 1;
        leaving = false;
        sent = false;
        root.classList.remove("ra-exiting");
        document.title = title;
        reset(false);
        say("");
      }
    });
  }

  var search = document.querySelector("[data-ra-search]");
  if (search) {
    var button = search.querySelector("button");
    var base = new URL(search.getAttribute("data-ra-base") + "/pagefind/", window.location.href);
    var loaded = false;
    // The button sits in the header (a whole row of its own would push the page down); the
    // search box opens under the header when it is pressed.
    var header = document.querySelector(".md-header__inner");
    if (header) {
      header.insertBefore(button, header.querySelector(".md-header__option"));
    } else {
      search.hidden = false;
    }
    button.addEventListener("click", function () {
      search.hidden = false;
      if (loaded) return;
      loaded = true;
      button.setAttribute("aria-expanded", "true");
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = new URL("pagefind-ui.css", base).href;
      document.head.appendChild(css);
      var script = document.createElement("script");
      script.src = new URL("pagefind-ui.js", base).href;
      script.onload = function () {
        /* global PagefindUI */
        new PagefindUI({
          element: "#ra-search-ui",
          bundlePath: base.pathname,
          showImages: false,
          resetStyles: false
        });
        button.hidden = true;
        var input = search.querySelector("input");
        if (input) {
          // Pagefind gives its field only a title; screen readers need a name.
          input.setAttribute("aria-label", search.getAttribute("data-ra-label"));
          input.focus();
        }
      };
      script.onerror = function () {
        loaded = false;
        document.getElementById("ra-search-ui").textContent =
          search.getAttribute("data-ra-failed");
      };
      document.head.appendChild(script);
    });
  }

  function setUpOffline() {
    var notice = document.querySelector(".ra-offline");
    function update() {
      if (notice) notice.hidden = navigator.onLine !== false;
    }
    update();
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    var script = document.querySelector("script[src*='assets/ruangaman.js']");
    if (!("serviceWorker" in navigator) || !script) return;
    // sw.js sits at the site root, next to assets/: its scope is the whole site, any base path.
    var root = new URL("../", script.src);
    navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.href })
      .then(function () {
        return navigator.serviceWorker.ready;
      })
      .then(function (reg) {
        // Keep this page and what it loaded, so it opens offline after this first visit.
        var urls = [window.location.href.split("#")[0]];
        var entries = performance.getEntriesByType("resource");
        for (var i = 0; i < entries.length; i++) urls.push(entries[i].name);
        // Not while Quick exit is emptying the caches (ruangaman.js).
        var leaving = document.documentElement.classList.contains("ra-exiting");
        if (reg.active && !leaving) reg.active.postMessage({ keep: urls });
      })
      .catch(function () {});
  }
  setUpOffline();
})();
