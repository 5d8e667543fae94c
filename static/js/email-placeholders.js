// The conference e-mail editor: clicking a placeholder chip ({name}, {deadline}, ...) puts it
// where the cursor is, in the subject or the text, whichever was used last (the text at first).
(function () {
  "use strict";
  const fields = Array.from(document.querySelectorAll("[data-placeholder-target]"));
  if (!fields.length) return;
  let target = fields.find((field) => field.tagName === "TEXTAREA") || fields[0];
  fields.forEach((field) => field.addEventListener("focus", () => { target = field; }));
  document.querySelectorAll("[data-placeholder]").forEach((chip) => {
    chip.addEventListener("click", () => {
      const text = chip.dataset.placeholder;
      const start = target.selectionStart ?? target.value.length;
      const end = target.selectionEnd ?? target.value.length;
      target.setRangeText(text, start, end, "end");
      target.dispatchEvent(new Event("input", { bubbles: true }));
      target.focus();
    });
  });
})();
