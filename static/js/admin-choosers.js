/* Starts the Wagtail admin's date and time pickers without inline scripts, so the admin
   works under the site's Content Security Policy (script-src 'self'). See
   templates/wagtailadmin/widgets/*_input.html. */
(function () {
    "use strict";
    var initialisers = {
        date: "initDateChooser",
        time: "initTimeChooser",
        datetime: "initDateTimeChooser",
    };

    function setUp() {
        var nodes = document.querySelectorAll("script[type='application/json'][data-portal-chooser]");
        Array.prototype.forEach.call(nodes, function (node) {
            var initialise = window[initialisers[node.dataset.portalChooser]];
            if (node.dataset.portalStarted || typeof initialise !== "function") {
                return;
            }
            node.dataset.portalStarted = "true";
            initialise(node.dataset.for, JSON.parse(node.textContent));
        });
    }

    document.addEventListener("DOMContentLoaded", function () {
        setUp();
        // Panels added later (e.g. a new item in a repeating panel) bring new pickers.
        new MutationObserver(setUp).observe(document.body, { childList: true, subtree: true });
    });
})();
