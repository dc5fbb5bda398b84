/* counterpoint views: the project's own script (no dependencies, no network).
   Click a highlight: its items' fields appear in the document's panel.
   Click an item's label: the text scrolls to it. Draw Plotly figures when present.
   Before printing, open every collapsed list so the printout has everything. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  /* An ACH cell's rating is posted as soon as it is chosen (the form's button without script). */
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!(target instanceof HTMLSelectElement)) { return; }
    var form = target.closest("form.cell");
    if (form) { form.requestSubmit(); }
  });

  function itemsFor(doc, keys) {
    var prefix = doc.getAttribute("data-prefix");
    return keys.map(function (key) { return document.getElementById(prefix + "-" + key); })
      .filter(function (el) { return el !== null; });
  }

  function showPanel(doc, segment) {
    var panel = doc.querySelector(".panel-items");
    var empty = doc.querySelector(".panel-empty");
    if (!panel) { return; }
    doc.querySelectorAll(".m.sel").forEach(function (el) { el.classList.remove("sel"); });
    segment.classList.add("sel");
    var keys = (segment.getAttribute("data-i") || "").split(" ");
    var list = document.createElement("ol");
    list.style.paddingLeft = "0";
    itemsFor(doc, keys).forEach(function (item) {
      var copy = item.cloneNode(true);
      copy.removeAttribute("id");
      list.appendChild(copy);
    });
    panel.replaceChildren(list);
    if (empty) { empty.hidden = list.children.length > 0; }
  }

  function goTo(doc, key) {
    var target = doc.querySelector('.doc-text [data-i~="' + key + '"]');
    if (!target) { return; }
    target.scrollIntoView({ block: "center" });
    target.classList.remove("flash");
    void target.offsetWidth;
    target.classList.add("flash");
    showPanel(doc, target);
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    var doc = target.closest(".doc");
    if (!doc) { return; }
    var segment = target.closest(".doc-text .m");
    if (segment) { showPanel(doc, segment); return; }
    var link = target.closest("a.goto");
    if (link) {
      event.preventDefault();
      goTo(doc, link.getAttribute("data-key"));
    }
  });

  /* The report carries Plotly as inert text (id plotly-src); it is run on first need.
     The page's Content-Security-Policy allows it by its hash. */
  function loadPlotly() {
    if (window.Plotly) { return true; }
    var source = document.getElementById("plotly-src");
    if (!source) { return false; }
    var script = document.createElement("script");
    script.textContent = source.textContent;
    document.head.appendChild(script);
    return Boolean(window.Plotly);
  }

  function draw(el) {
    if (el.getAttribute("data-drawn") || !loadPlotly()) { return; }
    var source = document.getElementById(el.getAttribute("data-spec"));
    if (!source) { return; }
    var spec = JSON.parse(source.textContent);
    el.setAttribute("data-drawn", "1");
    window.Plotly.newPlot(el, spec.data, spec.layout,
      { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["select2d", "lasso2d"] });
  }

  /* Hover: the segment's title lists its items' labels, filled in on first hover
     (kept out of the HTML, where it would repeat for every piece of a long item). */
  document.addEventListener("mouseover", function (event) {
    var target = event.target;
    if (!(target instanceof Element) || !target.matches(".doc-text .m") || target.title) { return; }
    var doc = target.closest(".doc");
    if (!doc) { return; }
    var keys = (target.getAttribute("data-i") || "").split(" ");
    target.title = itemsFor(doc, keys).map(function (item) {
      var label = item.querySelector(".item-label");
      return label ? label.textContent.trim() : "";
    }).join("\n");
  });

  function drawFigures() {
    var plots = Array.prototype.slice.call(document.querySelectorAll(".plot[data-spec]"));
    if (!plots.length) { return; }
    if (!("IntersectionObserver" in window)) { plots.forEach(draw); return; }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); draw(entry.target); }
      });
    }, { rootMargin: "600px" });
    plots.forEach(function (el) { observer.observe(el); });
  }

  function firstMatch() {
    var match = document.querySelector(".doc-text .km");
    if (match) { match.scrollIntoView({ block: "center" }); }
  }

  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(".plot[data-spec]").forEach(draw);
    document.querySelectorAll("details:not([open])").forEach(function (el) {
      el.setAttribute("open", "");
      el.setAttribute("data-print-opened", "");
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details[data-print-opened]").forEach(function (el) {
      el.removeAttribute("open");
      el.removeAttribute("data-print-opened");
    });
  });

  /* A link to an item (#d3-c8, from the comparison or the ledger) shows the passage
     in the text, with the item's fields in the panel. */
  function followHash() {
    var item = location.hash.length > 1 ? document.getElementById(location.hash.slice(1)) : null;
    if (!item || !item.classList.contains("item")) { return; }
    var doc = item.closest(".doc");
    if (doc) { goTo(doc, item.getAttribute("data-key")); }
  }
  window.addEventListener("hashchange", followHash);

  drawFigures();
  firstMatch();
  window.addEventListener("load", function () { setTimeout(followHash, 0); });
})();
