// When an in-place update fails (a refusal, a lost connection), say so instead of doing nothing.
(function () {
  function report(event) {
    var region = document.getElementById("htmx-error");
    if (!region) return;
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    region.textContent = region.dataset.message + (status ? " (" + status + ")" : "");
    region.hidden = false;
  }
  document.addEventListener("htmx:responseError", report);
  document.addEventListener("htmx:sendError", report);
})();

// A form sent in place and refused (400) comes back with its errors beside the fields: show it.
document.addEventListener("htmx:beforeSwap", function (event) {
  // detail.elt is the swap's target; the form that asked is the request's element.
  var form = event.detail.requestConfig && event.detail.requestConfig.elt;
  if (event.detail.xhr.status === 400 && form && form.closest("[data-swap-refusals]")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
