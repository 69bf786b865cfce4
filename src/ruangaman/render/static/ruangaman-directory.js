/* Ruang Aman directory: small enhancements. Every page works without this file, and only the
 * pages with what it works on load it (render.assets.needs_directory_script).
 * - "Open now" from each service's schedule, in the SITE's time zone (not the phone's).
 * - Directory filter by kecamatan, service type and "open now".
 * - Share (Web Share API), copy contact.
 */
(function () {
  "use strict";

  // Day names as the content files write them, in JavaScript's getUTCDay() order (0 = Sunday).
  var DAYS = ["minggu", "senin", "selasa", "rabu", "kamis", "jumat", "sabtu"];

  function minutes(text) {
    var parts = String(text).split(":");
    return Number(parts[0]) * 60 + Number(parts[1]);
  }

  /* The local date ("2027-03-10") of a Date already shifted to the site's clock. */
  function isoDay(local) {
    return local.toISOString().slice(0, 10);
  }

  /* Why a schedule is closed all of `day` ("2027-03-10"), or null: an exception without hours,
   * else a public holiday (from the page's clock) for a schedule that closes on them. An
   * exception with hours is returned as it is (its hours replace the weekly ones that day). */
  function dayRule(schedule, day, holidays) {
    var exceptions = schedule.exceptions || [];
    for (var i = 0; i < exceptions.length; i++) {
      var x = exceptions[i];
      if (x.from <= day && day <= x.until) return x;
    }
    if (schedule.holidays && holidays && Object.prototype.hasOwnProperty.call(holidays, day)) {
      return { reason: holidays[day], unknown: schedule.holidays !== "closed" };
    }
    return null;
  }

  /* Is a schedule open at `now` (a Date) where clocks are `offset` minutes ahead of UTC?
   * {open: true / false / null (hours not known), reason: why it is closed today or null,
   * unknown: true on a holiday the schedule does not say it closes or stays open on}.
   * A day closed by an exception or a holiday is closed from 00:00 to 24:00 (hours begun the
   * evening before end at midnight: "closed" is the safe error); an exception with hours
   * replaces that day's weekly hours. closes_at <= opens_at means the next day; "24:00" is the
   * end of the day. `holidays` is {"2027-03-10": "Hari Raya Idul Fitri"} from the page. */
  function openStatus(schedule, now, offset, holidays) {
    if (!schedule) return { open: null, reason: null };
    if (schedule.open_24_hours && !(schedule.exceptions || []).length) {
      return { open: true, reason: null };
    }
    var local = new Date(now.getTime() + offset * 60000);
    var day = local.getUTCDay();
    var time = local.getUTCHours() * 60 + local.getUTCMinutes();
    var rule = dayRule(schedule, isoDay(local), holidays);
    if (rule && !rule.unknown && !rule.opens_at) return { open: false, reason: rule.reason };
    if (rule && !rule.unknown) {
      var open = time >= minutes(rule.opens_at) && time < minutes(rule.closes_at);
      return { open: open, reason: open ? null : rule.reason };
    }
    if (schedule.open_24_hours) return { open: true, reason: null };
    var weekly = schedule.weekly || [];
    if (!weekly.length) return { open: null, reason: null };
    var today = DAYS[day];
    var yesterday = DAYS[(day + 6) % 7];
    // Yesterday's late hours run on past midnight only if yesterday kept its weekly hours.
    var before = dayRule(schedule, isoDay(new Date(local.getTime() - 86400000)), holidays);
    var by = null; // the rule of the day whose weekly hours are open now
    var found = false;
    for (var i = 0; i < weekly.length && !found; i++) {
      var h = weekly[i];
      var opens = minutes(h.opens_at);
      var closes = minutes(h.closes_at);
      var onToday = h.days.indexOf(today) >= 0;
      if (onToday && time >= opens && (closes <= opens || time < closes)) {
        found = true;
        by = rule;
      } else if (closes <= opens && h.days.indexOf(yesterday) >= 0 && time < closes) {
        if (!before || before.unknown) {
          found = true;
          by = before;
        }
      }
    }
    if (!found) return { open: false, reason: null };
    // Open by the weekly hours on a holiday the file does not say it closes or stays open on:
    // neither "open" nor "closed".
    if (by && by.unknown) return { open: null, reason: by.reason, unknown: true };
    return { open: true, reason: null };
  }

  /* true / false, or null when the hours are not known (see openStatus). */
  function isOpen(schedule, now, offset, holidays) {
    return openStatus(schedule, now, offset, holidays).open;
  }

  function clock() {
    var el = document.querySelector(".ra-clock");
    if (!el) return null;
    return {
      offset: Number(el.getAttribute("data-offset")),
      open: el.getAttribute("data-open"),
      closed: el.getAttribute("data-closed"),
      closedFor: el.getAttribute("data-closed-for"),
      holidayMaybe: el.getAttribute("data-holiday-maybe"),
      holidays: holidays(el),
      shown: el.getAttribute("data-shown"),
      shownOne: el.getAttribute("data-shown-one"),
    };
  }

  function holidays(el) {
    var text = el.getAttribute("data-holidays");
    if (!text) return null;
    try {
      return JSON.parse(text);
    } catch (e) {
      return null;
    }
  }

  function schedule(el) {
    var text = el.getAttribute("data-schedule");
    if (!text) return null;
    try {
      return JSON.parse(text);
    } catch (e) {
      return null;
    }
  }

  /* Write "Open now" / "Closed now" into every [data-schedule] element's status slot. */
  function showOpenNow(now) {
    var c = clock();
    if (!c) return;
    var items = document.querySelectorAll("[data-schedule]");
    for (var i = 0; i < items.length; i++) {
      var status = openStatus(schedule(items[i]), now, c.offset, c.holidays);
      var open = status.open;
      items[i].setAttribute("data-open", open === null ? "" : String(open));
      var slot = items[i].querySelector(".ra-open-now");
      if (!slot) continue;
      var closed = status.reason && c.closedFor
        ? c.closedFor.replace("{reason}", status.reason)
        : c.closed;
      if (status.unknown && c.holidayMaybe) {
        slot.textContent = c.holidayMaybe.replace("{reason}", status.reason);
        slot.className = "ra-open-now ra-open-now--maybe";
        slot.hidden = false;
        continue;
      }
      slot.textContent = open === null ? "" : open ? c.open : closed;
      slot.className = "ra-open-now" + (open === null ? "" : open ? " ra-open-now--open" : " ra-open-now--closed");
      slot.hidden = open === null;
    }
  }

  /* "{n} services shown" or, where the page's language says so for n (Intl.PluralRules: the
   * same CLDR rules Babel applies to the counts the build writes), "{n} service shown". */
  function shownText(c, n) {
    var form = "other";
    if (window.Intl && Intl.PluralRules) {
      form = new Intl.PluralRules(document.documentElement.lang || "id").select(n);
    }
    return (form === "one" && c.shownOne) || c.shown;
  }

  /* Does a listed service serve kecamatan `kec` (a Kemendagri code)? Its office is there
   * (data-kecamatan), or data-serves names the kecamatan or the regency it is in (61.12 serves
   * 61.12.01): the rule of Service.serves, so the filter never hides a regency-wide service. */
  function serves(it, kec) {
    if (it.getAttribute("data-kecamatan") === kec) return true;
    var codes = (it.getAttribute("data-serves") || "").split(" ");
    for (var i = 0; i < codes.length; i++) {
      if (codes[i] && (codes[i] === kec || kec.indexOf(codes[i] + ".") === 0)) return true;
    }
    return false;
  }

  function filterDirectory() {
    var form = document.querySelector(".ra-filter");
    if (!form) return;
    var c = clock();
    var kec = form.querySelector("[name=kecamatan]").value;
    var type = form.querySelector("[name=type]").value;
    var openOnly = form.querySelector("[name=open]").checked;
    var shown = 0;
    var groups = document.querySelectorAll(".ra-group");
    for (var g = 0; g < groups.length; g++) {
      var items = groups[g].querySelectorAll(".ra-service-item");
      var inGroup = 0;
      for (var i = 0; i < items.length; i++) {
        var it = items[i];
        var ok =
          (!kec || serves(it, kec)) &&
          (!type || (" " + it.getAttribute("data-types") + " ").indexOf(" " + type + " ") >= 0) &&
          (!openOnly || it.getAttribute("data-open") === "true");
        it.hidden = !ok;
        if (ok) inGroup++;
      }
      groups[g].hidden = inGroup === 0;
      shown += inGroup;
    }
    var count = form.querySelector(".ra-filter-count");
    if (count && c) {
      count.textContent = shown === 0 && count.getAttribute("data-empty")
        ? count.getAttribute("data-empty")
        : shownText(c, shown).replace("{n}", String(shown));
    }
    // Nothing left: say so under the heading, with the hotlines to call (never "0 services").
    var empty = document.querySelector("[data-ra-empty]");
    if (empty) empty.hidden = shown !== 0;
  }

  function setUpFilter() {
    var form = document.querySelector(".ra-filter");
    if (!form) return;
    form.hidden = false;
    form.addEventListener("change", filterDirectory);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      filterDirectory();
    });
    filterDirectory();
  }

  function setUpShare() {
    var box = document.querySelector(".ra-share");
    if (!box) return;
    var url = box.getAttribute("data-share-url") || window.location.href.split("#")[0];
    var text = box.getAttribute("data-share-text");
    var wa = box.querySelector(".ra-share-wa");
    if (wa && !box.getAttribute("data-share-url")) {
      wa.href = "https://wa.me/?text=" + encodeURIComponent(text + "\n" + url);
    }
    var native = box.querySelector(".ra-share-native");
    if (native && navigator.share) {
      native.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: box.getAttribute("data-share-title"), text: text, url: url })
          .catch(function () {});
      });
    }
    var copy = box.querySelector(".ra-copy");
    if (copy && navigator.clipboard) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        var done = box.querySelector(".ra-copy-done");
        navigator.clipboard.writeText(copy.getAttribute("data-copy") + "\n" + url).then(function () {
          if (done) done.textContent = copy.getAttribute("data-done");
        });
      });
    }
  }

  function setUpPrint() {
    var button = document.querySelector(".ra-print");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  }

  window.RuangAman = {
    isOpen: isOpen,
    openStatus: openStatus,
    showOpenNow: showOpenNow,
    filter: filterDirectory,
  };

  function start() {
    showOpenNow(new Date());
    setUpFilter();
    setUpShare();
    setUpPrint();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
