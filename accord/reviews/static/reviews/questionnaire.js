/*
 * Accord questionnaire: saves each answer by itself as the focal point types.
 *
 * A form marked `data-autosave` is posted (with `autosave=1`) when the typing
 * pauses for a few seconds, when a choice changes or when the field loses focus. The
 * server answers JSON, so the text being typed is never replaced: the form only
 * takes the new version number it is based on. A save based on an older
 * version is refused by the server as before (both versions are kept); then the
 * answer's block is replaced by the one showing both versions, with the user's
 * latest text still in the form. Leaving the page with text not yet saved asks
 * first. Without this script the Save buttons work as they always did.
 */
(function () {
  "use strict";

  // A pause this long in the typing saves; each save is a version of the answer, so not every word.
  var DELAY = 3000;
  // Browsers finish a request marked keepalive after the page is left, up to 64 KB.
  var KEEPALIVE_LIMIT = 60000;
  var states = {};

  function messages() {
    var element = document.querySelector("[data-autosave-messages]");
    return element ? element.dataset : {};
  }

  function stateOf(form) {
    var key = form.getAttribute("action");
    if (!states[key]) {
      states[key] = { timer: null, inflight: false, again: false, dirty: false, sent: null };
    }
    return states[key];
  }

  function formFor(key) {
    var forms = document.querySelectorAll("form[data-autosave]");
    for (var i = 0; i < forms.length; i += 1) {
      if (forms[i].getAttribute("action") === key) { return forms[i]; }
    }
    return null;
  }

  function show(form, text, kind) {
    var element = form.querySelector("[data-autosave-state]");
    if (!element) { return; }
    element.textContent = text;
    element.className = "small " + (kind === "error" ? "text-danger" : kind === "dirty" ? "text-warning-emphasis" : "text-body-secondary");
    element.dataset.state = kind;
  }

  function values(form) {
    var result = [];
    form.querySelectorAll("textarea, select").forEach(function (field) { result.push(field.name + "=" + field.value); });
    return result.join("\u0000");
  }

  function now() {
    var date = new Date();
    return ("0" + date.getHours()).slice(-2) + ":" + ("0" + date.getMinutes()).slice(-2);
  }

  function replaceProgress(html) {
    var current = document.getElementById("progress");
    if (!current || !html) { return; }
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var fresh = holder.querySelector("#progress");
    if (fresh) {
      current.replaceWith(fresh);
      if (window.htmx) { window.htmx.process(fresh); }
    }
  }

  function replaceHtml(current, html) {
    if (!current || !html) { return; }
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    if (holder.firstElementChild) { current.replaceWith(holder.firstElementChild); }
  }

  function replaceArticle(article) {
    // The article's "n of m answered" and its count in the list of articles.
    if (!article) { return; }
    replaceHtml(document.querySelector("[data-testid=article-progress]"), article.progress);
    replaceHtml(document.querySelector("[data-article-count='" + article.provision + "']"), article.count);
  }

  function replaceBlock(form, html) {
    var block = form.closest("article");
    if (!block || !html) { return null; }
    var typed = {};
    form.querySelectorAll("textarea, select").forEach(function (field) { typed[field.name] = field.value; });
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var fresh = holder.firstElementChild;
    block.replaceWith(fresh);
    if (window.htmx) { window.htmx.process(fresh); }
    var newForm = fresh.querySelector("form[data-autosave]");
    if (newForm) {
      // Whatever was typed while the refused save travelled stays in the form.
      newForm.querySelectorAll("textarea, select").forEach(function (field) {
        if (Object.prototype.hasOwnProperty.call(typed, field.name)) { field.value = typed[field.name]; }
      });
    }
    return newForm;
  }

  function save(key) {
    var form = formFor(key);
    var state = states[key];
    if (!form || !state) { return; }
    clearTimeout(state.timer);
    state.timer = null;
    if (state.inflight) { state.again = true; return; }
    var sent = values(form);
    var body = new FormData(form);
    body.append("autosave", "1");
    state.inflight = true;
    state.sent = sent;
    show(form, messages().saving || "…", "saving");
    fetch(key, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      keepalive: sent.length < KEEPALIVE_LIMIT
    })
      .then(function (response) {
        return response.json().then(function (reply) { return { status: response.status, reply: reply }; });
      })
      .then(function (result) {
        var reply = result.reply;
        var current = formFor(key) || form;
        replaceProgress(reply.progress);
        replaceArticle(reply.article);
        if (result.status === 200) {
          var base = current.querySelector("input[name$='-based_on']");
          if (base && reply.based_on !== undefined) { base.value = reply.based_on; }
          state.dirty = values(current) !== sent;
          if (state.dirty) {
            show(current, messages().unsaved || "", "dirty");
          } else {
            show(current, (messages().saved || "") + " " + now(), "saved");
            current.title = reply.message || "";
          }
        } else if (result.status === 409) {
          var fresh = replaceBlock(current, reply.html);
          state.dirty = false;  // the refused text is kept on the server as a version of its own
          if (fresh) { show(fresh, reply.message || "", "error"); }
        } else {
          show(current, reply.message || messages().failed || "", "error");
        }
      })
      .catch(function () {
        var current = formFor(key) || form;
        show(current, messages().failed || "", "error");
      })
      .then(function () {
        state.inflight = false;
        if (state.again) {
          state.again = false;
          if (state.dirty) { save(key); }
        }
      });
  }

  function schedule(form, delay) {
    var key = form.getAttribute("action");
    var state = stateOf(form);
    state.dirty = true;
    show(form, messages().unsaved || "", "dirty");
    clearTimeout(state.timer);
    state.timer = setTimeout(function () { save(key); }, delay);
  }

  function autosaveForm(target) {
    return target && target.closest ? target.closest("form[data-autosave]") : null;
  }

  document.addEventListener("input", function (event) {
    var form = autosaveForm(event.target);
    if (form && event.target.tagName === "TEXTAREA") { schedule(form, DELAY); }
  });

  document.addEventListener("change", function (event) {
    var form = autosaveForm(event.target);
    if (form && event.target.tagName === "SELECT") { schedule(form, 0); }
  });

  document.addEventListener("focusout", function (event) {
    var form = autosaveForm(event.target);
    if (!form) { return; }
    var state = stateOf(form);
    if (state.dirty && state.timer) { save(form.getAttribute("action")); }
  });

  document.addEventListener("submit", function (event) {
    // A Save button saves at once (htmx or a plain post): nothing is left waiting.
    var form = autosaveForm(event.target);
    if (!form) { return; }
    var state = stateOf(form);
    clearTimeout(state.timer);
    state.timer = null;
    state.dirty = false;
  }, true);

  function unsent(key) {
    // Text typed and not on its way to the server (a save under way finishes even if the page is left).
    var state = states[key];
    if (!state.dirty) { return false; }
    var form = formFor(key);
    return !state.inflight || !form || values(form) !== state.sent;
  }

  window.addEventListener("beforeunload", function (event) {
    var pending = Object.keys(states).some(unsent);
    if (pending) {
      event.preventDefault();
      event.returnValue = messages().leave || "";
      return event.returnValue;
    }
    return undefined;
  });
}());
