// The review queue's conveniences; every one of them is also a plain form on the page.
// Keys: j next, k previous, c confirm, x reject (asks for the reason first), e correct.
// Text selected in a paragraph fills the start and end offsets of the item's open forms
// (or opens "add a task" when none is open). Offsets count characters as Python does
// (code points), so the server reads the same span.
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll(".queue-item[data-item]"));
  if (!items.length) { return; }
  var current = -1;

  function choose(index, scroll) {
    if (index < 0 || index >= items.length) { return; }
    if (current >= 0) { items[current].classList.remove("current"); }
    current = index;
    items[index].classList.add("current");
    items[index].focus({ preventScroll: true });
    if (scroll) { items[index].scrollIntoView({ block: "center" }); }
  }

  function part(name) {
    return current >= 0 ? items[current].querySelector('[data-key="' + name + '"]') : null;
  }

  function reject() {
    var reason = part("reason");
    var button = part("reject");
    if (!reason || !button) { return; }
    if (reason.value.trim()) { button.click(); } else { reason.focus(); }
  }

  var typing = /^(INPUT|TEXTAREA|SELECT)$/;
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = event.target;
    if (typing.test(target.tagName) || target.isContentEditable) {
      if (event.key === "Escape") { target.blur(); }
      if (event.key === "Enter" && target.getAttribute("data-key") === "reason") {
        event.preventDefault();
        reject();
      }
      return;
    }
    var handled = true;
    if (event.key === "j") { choose(current + 1, true); }
    else if (event.key === "k") { choose(current - 1, true); }
    else if (event.key === "c") { var confirm = part("confirm"); if (confirm) { confirm.click(); } }
    else if (event.key === "x") { reject(); }
    else if (event.key === "e") {
      var details = part("correct");
      if (details) { details.open = true; var first = details.querySelector("input:not([type=hidden])"); if (first) { first.focus(); } }
    }
    else { handled = false; }
    if (handled) { event.preventDefault(); }
  });

  items.forEach(function (item, index) {
    item.addEventListener("focusin", function () {
      if (current !== index) { if (current >= 0) { items[current].classList.remove("current"); } current = index; item.classList.add("current"); }
    });
  });
  var anchored = document.getElementById(location.hash.slice(1));
  if (anchored && items.indexOf(anchored) >= 0) { choose(items.indexOf(anchored), true); }

  // Selection → offsets in the report's text.
  function length(text) { return Array.from(text).length; }

  function offsetIn(paragraph, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(paragraph);
    range.setEnd(node, offset);
    return Number(paragraph.getAttribute("data-start")) + length(range.toString());
  }

  function paragraphOf(node) {
    var element = node && (node.nodeType === 1 ? node : node.parentElement);
    return element ? element.closest(".paragraph[data-start]") : null;
  }

  function selected() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) { return; }
    var range = selection.getRangeAt(0);
    var paragraph = paragraphOf(range.startContainer);
    if (!paragraph || paragraph !== paragraphOf(range.endContainer)) { return; }
    var start = offsetIn(paragraph, range.startContainer, range.startOffset);
    var end = offsetIn(paragraph, range.endContainer, range.endOffset);
    if (end <= start) { return; }
    var item = paragraph.closest(".queue-item");
    var open = item.querySelectorAll("details[open]");
    if (!open.length) {
      var task = item.querySelector("details.add-task");
      task.open = true;
      open = [task];
    }
    Array.prototype.forEach.call(open, function (details) {
      details.querySelectorAll('[data-selection="start"]').forEach(function (input) { input.value = start; });
      details.querySelectorAll('[data-selection="end"]').forEach(function (input) { input.value = end; });
    });
    var note = item.querySelector(".selection-note");
    if (!note) {
      note = document.createElement("p");
      note.className = "selection-note";
      note.setAttribute("role", "status");
      paragraph.insertAdjacentElement("afterend", note);
    }
    note.textContent = "已选中第 " + start + "–" + end + " 字：「" + range.toString() + "」，已填入展开的表单。";
  }

  document.addEventListener("mouseup", selected);
  document.addEventListener("keyup", function (event) { if (event.shiftKey) { selected(); } });
})();
