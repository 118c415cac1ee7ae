// The workbench's only script (no inline script: the page's CSP forbids it). It snaps the as-of control to the days
// on which reports appeared, moves through the events by keyboard, and says when the narrative shown has changed.
(function () {
    "use strict";

    function stops() {
        var slider = document.getElementById("asof-stop");
        if (!slider) {
            return;
        }
        var days = (slider.getAttribute("data-stops") || "").split(",").filter(function (day) { return day; });
        var value = document.getElementById("asof-value");
        var label = document.getElementById("asof-label");
        function show() {
            var index = Number(slider.value);
            var day = index < days.length ? days[index] : "";
            value.value = day;
            value.disabled = day === "";
            label.textContent = day === "" ? "now" : words(day);
            slider.setAttribute("aria-valuetext", label.textContent);
        }
        slider.addEventListener("input", show);
        slider.addEventListener("change", show);
        slider.setAttribute("aria-valuetext", label.textContent);
    }

    var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    function words(day) {
        var parts = day.split("-");
        return Number(parts[2]) + " " + MONTHS[Number(parts[1]) - 1] + " " + parts[0];
    }

    function keys() {
        document.addEventListener("keydown", function (event) {
            var target = event.target;
            var typing = target && (target.tagName === "INPUT" || target.tagName === "SELECT" || target.tagName === "TEXTAREA");
            if (typing || event.altKey || event.ctrlKey || event.metaKey) {
                return;
            }
            if (event.key === "/") {
                var search = document.querySelector("[data-search]");
                if (search) {
                    event.preventDefault();
                    search.focus();
                }
                return;
            }
            if (event.key !== "j" && event.key !== "k") {
                return;
            }
            var events = Array.prototype.slice.call(document.querySelectorAll("article.event"));
            if (events.length === 0) {
                return;
            }
            var at = events.indexOf(document.activeElement && document.activeElement.closest
                ? document.activeElement.closest("article.event") : null);
            var next = event.key === "j" ? Math.min(events.length - 1, at + 1) : Math.max(0, at - 1);
            events[next].focus();
            events[next].scrollIntoView({ block: "start" });
        });
    }

    function live() {
        var url = document.body.getAttribute("data-live");
        var notice = document.getElementById("live-notice");
        if (!url || !notice || typeof EventSource === "undefined") {
            return;
        }
        var seen = 0;
        var source = new EventSource(url);
        source.addEventListener("narrative-change", function () {
            seen += 1;
            notice.querySelector(".live-text").textContent = seen === 1
                ? "This narrative has changed since the view was drawn (1 change)."
                : "This narrative has changed since the view was drawn (" + seen + " changes).";
            notice.hidden = false;
        });
        notice.querySelector(".live-refresh").addEventListener("click", function () {
            window.location.reload();
        });
        window.addEventListener("pagehide", function () { source.close(); });
    }

    document.addEventListener("DOMContentLoaded", function () {
        stops();
        keys();
        live();
    });
    document.addEventListener("htmx:configRequest", function (event) {
        // an empty field means "not asked": leaving it out keeps the permalink as short as what it shows
        var parameters = event.detail.parameters;
        Object.keys(parameters).forEach(function (name) {
            if (parameters[name] === "") {
                delete parameters[name];
            }
        });
    });
    document.addEventListener("htmx:afterSettle", function () {
        // the view was swapped in place: the page title follows, so that history and bookmarks name it
        var heading = document.querySelector("#view .what");
        if (heading) {
            document.title = heading.textContent + " · Parley";
        }
    });
})();
