// zhifa pages: the assistance panel, law autocomplete, upload progress and
// charts. Plain JS; every page works without it except these live parts.
(function () {
  "use strict";
  function debounce(f, ms) {
    var t;
    return function () { clearTimeout(t); t = setTimeout(f, ms); };
  }

  // Assistance panel: the form's fields go to data-assist, the answer (HTML)
  // replaces the panel. A panel that is still waiting on an index says so
  // (data-retry) and is asked again.
  document.querySelectorAll("form[data-assist]").forEach(function (form) {
    var panel = document.getElementById(form.dataset.target);
    var seq = 0, retry;
    function update() {
      var n = ++seq;
      clearTimeout(retry);
      var state = panel.querySelector(".state");
      if (state) state.textContent = "正在更新…";
      fetch(form.dataset.assist, { method: "POST", body: new URLSearchParams(new FormData(form)),
        headers: { "Content-Type": "application/x-www-form-urlencoded" }, credentials: "same-origin" })
        .then(function (r) { return r.text(); })
        .then(function (html) {
          if (n !== seq) return;
          panel.innerHTML = html;
          // errors the panel found in a field (the party's ID) go beside that field
          panel.querySelectorAll("[data-for]").forEach(function (el) {
            var note = document.getElementById(el.dataset.for + "-live"), input = document.getElementById(el.dataset.for);
            if (note) note.textContent = el.textContent;
            if (input) input.classList.toggle("bad", el.textContent !== "");
          });
          var again = panel.querySelector("[data-retry]");
          if (again) retry = setTimeout(update, 3000);
        })
        .catch(function () { if (n === seq && state) state.textContent = "暂时无法更新，稍后重试"; });
    }
    var later = debounce(update, 700);
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    update();
  });

  // The power item names its penalty provision: it fills an empty basis.
  var item = document.getElementById("power_item_id"), basis = document.getElementById("penalty_basis");
  if (item && basis) item.addEventListener("change", function () {
    var o = item.selectedOptions[0];
    if (o && o.dataset.basis && !basis.value) basis.value = o.dataset.basis;
  });

  // Penalty-basis autocomplete from the law corpus.
  document.querySelectorAll("input[data-complete]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var fixed = list.innerHTML;
    input.addEventListener("input", debounce(function () {
      var q = input.value.trim();
      if (q.length < 2 || q.indexOf("》") > 0 && /条/.test(q)) return;
      fetch(input.dataset.complete + "?top=8&q=" + encodeURIComponent(q), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { hits: [] }; })
        .then(function (d) {
          var html = fixed;
          (d.hits || []).forEach(function (h) {
            var o = document.createElement("option");
            o.value = "《" + h.law + "》" + h.label;
            o.textContent = (h.text || "").slice(0, 60);
            html += o.outerHTML;
          });
          list.innerHTML = html;
        });
    }, 350));
  });

  // Uploads with a progress bar; the answer page replaces this one.
  document.querySelectorAll("form[data-progress]").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var bar = form.querySelector("progress"), note = form.querySelector(".state");
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.upload.onprogress = function (e) {
        if (bar && e.lengthComputable) { bar.hidden = false; bar.max = e.total; bar.value = e.loaded; }
        if (note) note.textContent = e.loaded < e.total ? "正在上传…" : "上传完成，正在处理…";
      };
      xhr.onload = function () {
        if (xhr.responseURL && xhr.status < 300 && xhr.responseURL !== location.href) { location.href = xhr.responseURL; return; }
        document.open(); document.write(xhr.responseText); document.close();
      };
      xhr.onerror = function () { if (note) note.textContent = "上传失败，请重试"; };
      xhr.send(new FormData(form));
      if (note) note.textContent = "正在上传…";
    });
  });

  // Buttons that start a long operation say so and stay pressed.
  document.querySelectorAll("form[data-busy]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var b = form.querySelector("button[type=submit],button:not([type])");
      if (b) { b.disabled = true; b.textContent = form.dataset.busy; }
    });
  });

  // Charts: data-chart holds an ECharts option as JSON.
  if (window.echarts) {
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var opt = JSON.parse(el.dataset.chart);
      window.echarts.init(el).setOption(opt);
    });
  }
})();
