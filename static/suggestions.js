/* Find before asking (issue 13): while the citizen writes the subject and the information
   sought, what is already published and may answer the request is shown, best first.
   Without this script the form's "Check what is already published" button does the same.
   The list is built with text nodes only: titles are never read as HTML. */
(function () {
  "use strict";
  var box = document.getElementById("already-published");
  var live = document.getElementById("suggestions");
  var subject = document.getElementById("id_subject");
  var sought = document.getElementById("id_information_sought");
  if (!box || !live || !subject || !sought || !window.fetch || !window.URLSearchParams) {
    return;
  }
  var url = box.getAttribute("data-suggestions-url");
  var timer = null;
  var last = null;
  var controller = null;
  var WAIT_MS = 500;
  var MIN_LETTERS = 3;
  var MAX_TEXT = 1000;

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function render(items) {
    var nodes = [];
    if (items.length) {
      nodes.push(element("h2", "suggestions-title", box.getAttribute("data-heading")));
      var list = element("ul", "suggestions");
      items.forEach(function (item) {
        var entry = element("li");
        var link = element("a", null, item.title);
        link.href = item.url;
        link.dir = "auto";
        entry.appendChild(link);
        entry.appendChild(document.createTextNode(" "));
        var meta = element("span", "suggestion-meta", item.label + " · ");
        meta.appendChild(element("bdi", null, item.body));
        entry.appendChild(meta);
        if (item.snippet) {
          var snippet = element("span", "suggestion-snippet", item.snippet);
          snippet.dir = "auto";
          entry.appendChild(snippet);
        }
        list.appendChild(entry);
      });
      nodes.push(list);
      nodes.push(element("p", "hint", box.getAttribute("data-outro")));
    } else {
      nodes.push(element("p", "hint", box.getAttribute("data-none")));
    }
    live.replaceChildren.apply(live, nodes);
  }

  function search() {
    var text = { subject: subject.value.trim(), information_sought: sought.value.trim().slice(0, MAX_TEXT) };
    var key = text.subject + "\n" + text.information_sought;
    if (key === last) { return; }
    // A search still on its way is out of date now, whatever comes next.
    if (controller) { controller.abort(); controller = null; }
    if ((text.subject + text.information_sought).length < MIN_LETTERS) {
      last = key;
      live.replaceChildren();
      return;
    }
    controller = new AbortController();
    fetch(url + "?" + new URLSearchParams(text).toString(), {
      headers: { "Accept": "application/json" }, credentials: "same-origin", signal: controller.signal
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (data) {
      // Only an answer counts as done: a refused or failed search is tried again.
      if (data && data.suggestions) { last = key; render(data.suggestions); }
    }).catch(function () { /* offline or replaced by a newer search: the button still works */ });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, WAIT_MS);
  }

  subject.addEventListener("input", later);
  sought.addEventListener("input", later);
}());
