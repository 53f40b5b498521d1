// Upload progress for forms marked `data-upload-progress`: the bytes go up with a visible bar,
// then the server checks the file (a bounded child process) and names the page with the report.
// Without JavaScript the form posts normally; nothing depends on this script.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-upload-progress")) return;
    if (!window.FormData || !window.XMLHttpRequest) return;
    event.preventDefault();
    var bar = form.querySelector("progress");
    var status = form.querySelector("[data-upload-status]");
    var button = form.querySelector("button[type=submit]");
    var say = function (text) { if (status) status.textContent = text; };
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("X-Upload-Progress", "1");
    xhr.responseType = "json";
    xhr.upload.onprogress = function (e) {
      if (!e.lengthComputable || !bar) return;
      var pct = Math.round((e.loaded * 100) / e.total);
      bar.value = pct;
      say(form.dataset.uploadingLabel.replace("{pct}", pct));
    };
    xhr.upload.onload = function () {
      if (bar) bar.removeAttribute("value");  // indeterminate while the server checks
      say(form.dataset.checkingLabel);
    };
    xhr.onload = function () {
      var next = xhr.response && xhr.response.location;
      if (xhr.status === 200 && next) {
        window.location.assign(next);
      } else {
        say(form.dataset.errorLabel);
        if (button) button.disabled = false;
      }
    };
    xhr.onerror = function () {
      say(form.dataset.errorLabel);
      if (button) button.disabled = false;
    };
    if (bar) { bar.hidden = false; bar.value = 0; }
    if (button) button.disabled = true;
    say(form.dataset.uploadingLabel.replace("{pct}", "0"));
    xhr.send(new FormData(form));
  });
})();
