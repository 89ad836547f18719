// 一窗 — plain JS for the queue, intake, citizen, review and print pages (no framework, no CDN,
// no inline script: each page says what it is in <body data-page>, its settings in data-config).
// Every word shown comes from the label table (/labels.json).
"use strict";
(() => {
  let L = null, cfg = null, polling = null;
  const quality = {};  // sha256 → the gate's word on a photo, shown before OCR finishes
  const $ = id => document.getElementById(id);

  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v; else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c !== null && c !== undefined && c !== "") e.append(c);
    return e;
  }
  const fmt = (t, vals = {}) => (t || "").replace(/\{(\w+)\}/g, (_, k) => (vals[k] ?? ""));
  const zhDate = s => (s || "").replace(/(\d{4})-(\d{2})-(\d{2})/g, (_, y, m, d) => `${+y}年${+m}月${+d}日`);

  function errorText(r, name) {
    const err = (r && r.data && r.data.error) || {};
    if (!r || r.status === 0) return fmt(L.errors.network);
    const limit = ((err.message || "").match(/(\d+) MB/) || [])[1] || "";
    const text = L.errors[err.code] || L.errors[{401: "unauthorized", 403: "forbidden", 404: "not_found", 429: "rate_limited"}[r.status]] || L.errors.error;
    return fmt(text, {name: name || "", limit}).replace(/^：/, "");
  }

  function headers(json) {
    const h = {};
    if (cfg.token) h["Authorization"] = "Bearer " + cfg.token; else if (cfg.csrf) h["X-CSRF-Token"] = cfg.csrf;
    if (json) h["Content-Type"] = "application/json";
    return h;
  }
  async function api(method, path, body) {
    const opts = {method, headers: headers(body && !(body instanceof FormData)), credentials: "same-origin"};
    if (body) opts.body = body instanceof FormData ? body : JSON.stringify(body);
    try {
      const r = await fetch(path, opts);
      let data = null; try { data = await r.json(); } catch (e) { data = null; }
      return {status: r.status, data};
    } catch (e) { return {status: 0, data: null}; }
  }

  // ---- upload: each file on its own, so one bad file never costs the good ones -------------
  async function upload(files) {
    if (!files.length) return;
    const report = $("upload-report");
    const stored = [], failed = [];
    setVerdict("running", L.ui.uploading);
    for (const f of files) {
      const fd = new FormData();
      fd.append("file", f);
      const r = await api("POST", `/api/cases/${cfg.caseId}/files`, fd);
      if (r.status === 201) {
        for (const got of r.data.files) { stored.push(got); quality[got.sha256] = got.quality || []; }
      } else failed.push({name: f.name, why: errorText(r, f.name)});
    }
    if (report) {
      report.replaceChildren();
      if (stored.length) report.append(el("p", {class: "good", text: fmt(L.ui.stored_files, {n: stored.length})}));
      if (failed.length) {
        report.append(el("p", {class: "retake", text: L.ui.failed_files}));
        report.append(el("ul", {class: "failed"}, ...failed.map(x => el("li", {text: x.why.startsWith(x.name) ? x.why : `${x.name}：${x.why}`}))));
      }
    }
    if (stored.length) await api("POST", `/api/cases/${cfg.caseId}/check`);
    poll();
  }

  function setVerdict(kind, text) {
    const v = $("verdict");
    if (v) { v.className = "verdict " + kind; v.textContent = text; }
  }

  function poll() {
    if (polling) clearTimeout(polling);
    const tick = async () => {
      const r = await api("GET", `/cases/${cfg.caseId}/view`);
      if (r.status !== 200) { setVerdict("pending", errorText(r)); return; }
      render(r.data);
      if (r.data.state === "running") polling = setTimeout(tick, 700);
    };
    tick();
  }

  function render(v) {
    renderFlow(v.flow);
    const res = v.result;
    if (v.state === "running") setVerdict("running", fmt(L.ui.checking, {done: v.done_pages, total: v.total_pages}));
    else if (res) setVerdict(res.verdict, (cfg.mode === "citizen" ? L.verdict_citizen : L.verdict_banner)[res.verdict] || L.verdicts[res.verdict]);
    else if (v.state === "failed") setVerdict("incomplete", L.errors.check_failed);
    else setVerdict("pending", L.ui.waiting_upload);
    if (cfg.mode === "clerk") { renderThumbs(v.pages, v.locked); renderChecklist(res || v.blank); }
    else renderCitizen(v, res);
    const n = $("print-notice"); if (n) n.hidden = !res;
    const c = $("print-commitment"); if (c) c.hidden = !res || res.verdict !== "accept_with_tolerance";
    const s = $("saved");
    if (s && res && res.saved.materials_separately > res.saved.materials_in_bundle)
      s.textContent = fmt(L.ui.saved_bundle, {in_bundle: res.saved.materials_in_bundle, separately: res.saved.materials_separately});
  }

  function renderFlow(flow) {
    const st = $("flow-state");
    if (st && flow) { st.className = "state " + flow.state; st.textContent = flow.state_label; }
  }

  function renderChecklist(res) {
    const tbody = document.querySelector("#checklist tbody");
    if (!tbody || !res) return;
    tbody.replaceChildren(...res.materials.map(m => el("tr", {class: m.status},
      el("td", {class: "c-name"}, m.name, m.shared_by && m.shared_by.length ? el("div", {class: "shared", text: L.ui.shared}) : ""),
      el("td", {class: "c-req", text: L.requirements[m.requirement] || ""}),
      el("td", {class: "c-status"}, el("span", {class: "badge " + m.status, text: L.statuses[m.status] || ""})),
      el("td", {text: zhDate((m.reasons || []).join("；"))}))));
  }

  const imgUrl = (p, w) => p.image + "?" + new URLSearchParams({...(w ? {w} : {}), ...(cfg.token ? {t: cfg.token} : {})});
  const pageLabel = p => p.name + (p.pages > 1 ? " " + fmt(L.ui.page_n, {n: p.page}) : "");
  function problems(p) {
    const q = (quality[p.sha256] || []).find(x => x.page === p.page);
    if (p.state === "failed" && p.error) return [p.error];  // the page's own fix-it message
    if (p.state === "pending" && q && !q.usable) return q.problems;
    return p.usable ? [] : p.problems;
  }
  function correctedMark(c, onUndo) {
    return el("span", {class: "corrected"}, fmt(L.ui.corrected, {who: c.who, at: c.at}), " ",
      el("button", {type: "button", class: "link undo", text: L.ui.undo, onclick: onUndo}));
  }

  // ---- the clerk's pages: thumbnails to see and handle ---------------------------------
  function renderThumbs(pages, locked) {
    const ol = $("pages");
    if (!ol) return;
    ol.replaceChildren();
    for (const p of pages) {
      const li = el("li", {class: "thumb", "data-page": p.sha256 + "#" + p.page});
      li.append(el("a", {href: imgUrl(p), target: "_blank", class: "thumb-img", "aria-label": pageLabel(p)},
        el("img", {src: imgUrl(p, 240), alt: pageLabel(p), loading: "lazy"})));
      const body = el("div", {class: "thumb-body"});
      body.append(el("div", {class: "file", text: pageLabel(p)}));
      const name = p.state === "pending" ? L.ui.reading : (p.material_name || L.ui.unrecognised);
      body.append(el("div", {}, el("strong", {class: "material", text: name}), p.side ? el("span", {class: "tag side", text: p.side}) : ""));
      const bad = problems(p);
      if (bad.length) body.append(el("div", {class: "retake", text: L.ui.retake + "：" + bad.join("；")}));
      if (p.unread && p.unread.length) body.append(el("div", {class: "unread", text: fmt(L.ui.unread, {fields: p.unread.join("、")})}));
      if (p.material_corrected) body.append(correctedMark(p.material_corrected, () => undo(p.material_corrected.id)));
      if (p.state !== "pending" && !locked) body.append(materialPicker(p));
      if (p.state !== "pending") for (const f of p.fields) body.append(fieldRow(p, f, locked));
      if (!locked) body.append(el("div", {class: "page-tools"},
        p.rotatable ? el("button", {type: "button", class: "button small", text: L.ui.rotate, onclick: () => pageAction(p, "rotate")}) : "",
        el("button", {type: "button", class: "button small", text: L.ui.replace, onclick: () => replace(p)}),
        confirmButton(L.ui.remove, () => pageAction(p, "remove"))));
      li.append(body);
      ol.append(li);
    }
  }

  function confirmButton(label, run) {
    const wrap = el("span", {class: "confirm-wrap"});
    const first = el("button", {type: "button", class: "button small danger", text: label});
    first.addEventListener("click", () => {
      const yes = el("button", {type: "button", class: "button small danger", text: L.ui.confirm + label, onclick: run});
      const no = el("button", {type: "button", class: "button small", text: L.ui.cancel, onclick: () => wrap.replaceChildren(first)});
      wrap.replaceChildren(yes, no); yes.focus();
    });
    wrap.append(first);
    return wrap;
  }

  function materialPicker(p) {
    const sel = el("select", {"aria-label": L.ui.correct_material});
    sel.append(el("option", {value: "", text: L.ui.correct_material + "…"}));
    for (const [id, name] of Object.entries(cfg.materials)) sel.append(el("option", {value: id, text: name, selected: id === p.material}));
    sel.append(el("option", {value: "unknown", text: L.ui.unknown_material}));
    sel.value = "";
    const ok = el("button", {type: "button", class: "button small", text: L.ui.confirm, disabled: true});
    sel.addEventListener("change", () => { ok.disabled = !sel.value || sel.value === p.material; });  // choosing sends nothing
    ok.addEventListener("click", async () => {
      if (!sel.value) return;
      const r = await api("POST", `/clerk/api/cases/${cfg.caseId}/override`, {sha256: p.sha256, page: p.page, material: sel.value});
      if (r.status !== 200) { setVerdict("incomplete", errorText(r)); return; }
      poll();
    });
    return el("div", {class: "picker"}, sel, " ", ok);
  }

  function fieldRow(p, f, locked) {
    const row = el("div", {class: "field" + (f.corrected ? " is-corrected" : "")});
    const show = () => {
      row.replaceChildren(el("span", {class: "label", text: f.label + "："}), el("span", {class: "value", text: zhDate(f.value)}));
      if (!locked) row.append(" ", el("button", {type: "button", class: "link edit", text: L.ui.edit, "aria-label": L.ui.edit + f.label, onclick: edit}));
      if (f.corrected) row.append(" ", locked ? el("span", {class: "corrected", text: fmt(L.ui.corrected, {who: f.corrected.who, at: f.corrected.at})})
        : correctedMark(f.corrected, () => undo(f.corrected.id)));
    };
    const edit = () => {
      const input = el("input", {value: f.value, "aria-label": f.label, class: "inline-edit"});
      const save = async () => {
        const value = input.value.trim();
        if (value === f.value) { show(); return; }
        const r = await api("POST", `/clerk/api/cases/${cfg.caseId}/override`, {sha256: p.sha256, page: p.page, field: f.id, value});
        if (r.status !== 200) { setVerdict("incomplete", errorText(r)); return; }
        poll();
      };
      input.addEventListener("keydown", e => { if (e.key === "Enter") save(); if (e.key === "Escape") show(); });
      row.replaceChildren(el("span", {class: "label", text: f.label + "："}), input, " ",
        el("button", {type: "button", class: "button small primary", text: L.ui.confirm, onclick: save}), " ",
        el("button", {type: "button", class: "button small", text: L.ui.cancel, onclick: show}));
      input.focus(); input.select();
    };
    show();
    return row;
  }

  async function undo(id) {
    const r = await api("POST", `/clerk/api/cases/${cfg.caseId}/overrides/${id}/undo`);
    if (r.status !== 200) { setVerdict("incomplete", errorText(r)); return; }
    poll();
  }

  async function pageAction(p, what) {
    const r = await api("POST", `/cases/${cfg.caseId}/files/${p.sha256}/${what}`);
    if (r.status !== 200) { setVerdict("incomplete", errorText(r, p.name)); return false; }
    poll();
    return true;
  }

  function replace(p) {
    const input = $(cfg.mode === "citizen" ? "camera-input" : "file-input");
    const once = async () => {
      input.removeEventListener("change", once, true);
      if (!input.files.length) return;
      const files = [...input.files]; input.value = "";
      if (await pageAction(p, "remove")) await upload(files);
    };
    input.addEventListener("change", once, true);
    input.dataset.replacing = "1";
    input.click();
  }

  // ---- the citizen: what is needed, what each photo turned into, then 提交 -----------------
  function renderCitizen(v, res) {
    const list = $("uploads"), need = $("need");
    // pages by their identity (page_id), never by file name: two photos may both be "image.jpg"
    const unusable = new Set(v.pages.filter(p => problems(p).length).map(p => p.page_id));
    const docsOf = m => ((res && res.documents) || []).filter(d => m.documents.includes(d.source + "#" + d.page)
      && (d.material === m.material || (m.alternatives || []).includes(d.material)));
    if (list) {
      list.replaceChildren(...v.pages.map(p => {
        const bad = problems(p);
        let text, kind;
        if (bad.length) { text = L.ui.retake + "：" + bad.join("；"); kind = "retake"; }
        else if (p.state === "pending") { text = L.ui.reading; kind = "pending"; }
        else if (p.material === "unknown" || !p.material) { text = L.ui.not_recognised; kind = "retake"; }
        else { text = fmt(L.ui.recognised_as, {name: p.material_name + (p.side ? "（" + p.side + "）" : "")}); kind = "good"; }
        return el("li", {class: kind},
          el("img", {src: imgUrl(p, 120), alt: pageLabel(p), class: "mini"}),
          el("div", {}, el("div", {class: "file", text: pageLabel(p)}), el("div", {class: "what", text})),
          el("div", {class: "page-tools"},
            el("button", {type: "button", class: "button small", text: L.ui.retake_button, onclick: () => replace(p)}),
            confirmButton(L.ui.remove, () => pageAction(p, "remove"))));
      }));
    }
    const mats = (res || v.blank || {materials: []}).materials.filter(m => !["not_required", "produced_in_bundle"].includes(m.status));
    if (need && mats.length) {
      const todo = [];
      need.replaceChildren(...mats.map(m => {
        const docs = docsOf(m);
        const retake = m.status === "present" && docs.length > 0 && docs.every(d => unusable.has(d.page_id));
        const done = m.status === "present" && !retake;
        if (!done) todo.push(m.name);
        const note = retake ? L.ui.photo_unclear : m.status === "tolerated" ? L.ui.later :
          ["invalid", "inconsistent", "needs_review"].includes(m.status) ? zhDate((m.reasons || []).join("；")) :
          m.requirement === "tolerable" ? L.ui.later : "";
        return el("li", {class: done ? "present" : m.status}, el("span", {class: "mark", "aria-hidden": "true", text: done ? "✓" : "○"}),
          " " + m.name, note ? el("small", {text: "（" + note + "）"}) : "");
      }));
      const sum = $("need-summary");
      if (sum) sum.textContent = todo.length ? fmt(L.ui.still_missing, {n: todo.length}) + todo.join("、") : L.ui.all_there;
    }
    const submit = $("submit-case");
    if (submit) submit.disabled = !v.pages.length || v.state === "running";
    const st = v.flow.state;
    const up = $("upload-card"), done = $("done-card");
    if (up && done) { up.hidden = !["precheck", "returned"].includes(st); done.hidden = !up.hidden; }
  }

  async function submitCase() {
    const r = await api("POST", `/cases/${cfg.caseId}/submit`);
    if (r.status !== 200) { setVerdict("incomplete", (r.data && r.data.error && r.data.error.message) || errorText(r)); return; }
    $("upload-card").hidden = true; $("done-card").hidden = false;
    $("done-number").textContent = r.data.number;
    $("copy-link").focus();
    poll();
  }

  function copyLink() {
    const input = $("case-link");
    const done = () => { $("copied").textContent = L.ui.copied; };
    input.select();
    let ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    if (ok) done();
    else if (navigator.clipboard) navigator.clipboard.writeText(input.value).then(done, () => {});
  }

  function initCase() {
    cfg = JSON.parse(document.querySelector("main").dataset.config);
    for (const [button, input] of [["pick-files", "file-input"], ["pick-camera", "camera-input"]]) {
      const b = $(button), i = $(input);
      if (b && i) b.addEventListener("click", () => i.click());
      if (i) i.addEventListener("change", () => {
        if (i.dataset.replacing) { delete i.dataset.replacing; return; }  // handled by replace()
        const files = [...i.files]; i.value = ""; upload(files);
      });
    }
    const drop = $("drop");
    if (drop) {
      drop.addEventListener("dragover", e => { e.preventDefault(); drop.classList.add("over"); });
      drop.addEventListener("dragleave", () => drop.classList.remove("over"));
      drop.addEventListener("drop", e => { e.preventDefault(); drop.classList.remove("over"); upload([...e.dataTransfer.files]); });
    }
    const s = $("submit-case"); if (s) s.addEventListener("click", submitCase);
    const c = $("copy-link"); if (c) c.addEventListener("click", copyLink);
    documentCamera();
    flowForm();
    if (cfg.mode === "clerk") shortcuts({u: "pick-files", c: "camera-open", s: "camera-shoot", p: "print-notice", a: "act-accept", q: () => { location.href = "/clerk"; }});
    poll();
  }

  // 高拍仪: a document camera is a USB camera to the browser; take each page from its live picture.
  function documentCamera() {
    const open = $("camera-open");
    if (!open) return;
    const panel = $("camera"), video = $("camera-video");
    let stream = null, shots = 0;
    open.addEventListener("click", async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({video: {width: {ideal: 3264}, height: {ideal: 2448}}});
      } catch (e) {
        setVerdict("pending", L.camera[e && e.name] || L.camera.default);
        return;
      }
      video.srcObject = stream; panel.hidden = false; $("camera-shoot").focus();
    });
    $("camera-shoot").addEventListener("click", () => {
      if (!video.videoWidth) return;
      const canvas = document.createElement("canvas");
      canvas.width = video.videoWidth; canvas.height = video.videoHeight;
      canvas.getContext("2d").drawImage(video, 0, 0);
      canvas.toBlob(blob => {
        shots += 1;
        $("camera-count").textContent = fmt(L.ui.shots, {n: shots});
        const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
        upload([new File([blob], `gaopaiyi-${stamp}-${shots}.jpg`, {type: "image/jpeg"})]);
      }, "image/jpeg", 0.92);
    });
    $("camera-close").addEventListener("click", () => {
      if (stream) stream.getTracks().forEach(t => t.stop());
      panel.hidden = true; open.focus();
    });
  }

  // workflow buttons: a step that needs a reason is refused in place when the reason is empty
  function flowForm() {
    const form = $("flow-actions");
    if (!form) return;
    form.addEventListener("submit", e => {
      const b = e.submitter;
      const input = $("flow-comment-input");
      if (b && b.dataset.needsComment && input && !input.value.trim()) {
        e.preventDefault();
        const err = $("flow-error");
        err.textContent = b.value === "reject" ? L.errors.reason_required : L.errors.comment_required;
        err.hidden = false; input.focus();
      }
    });
  }

  function shortcuts(map) {
    document.addEventListener("keydown", e => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const target = map[e.key.toLowerCase()];
      if (!target) return;
      e.preventDefault();
      if (typeof target === "function") { target(); return; }
      const node = $(target);
      if (node && !node.hidden && !node.disabled && node.offsetParent !== null) node.click();
    });
  }

  function initQueue() {
    const search = $("queue-search");
    document.addEventListener("keydown", e => {
      const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(document.activeElement.tagName);
      if (e.key === "/" && !typing) { e.preventDefault(); search.focus(); search.select(); }
    });
    shortcuts({n: () => { location.href = "/clerk/new"; }});
    // new cases from phones appear without a click: refresh the list while nobody is typing in it
    if (!search.value) setInterval(() => { if (document.activeElement === document.body) location.reload(); }, 30000);
  }

  function initPick() {
    const input = $("matter-search");
    const visible = () => [...document.querySelectorAll(".matters li")].filter(li => !li.hidden);
    input.addEventListener("input", () => {
      const q = input.value.trim();
      for (const li of document.querySelectorAll(".matters li")) li.hidden = Boolean(q) && !li.dataset.name.includes(q);
      $("matter-none").hidden = visible().length > 0;
    });
    input.addEventListener("keydown", e => {
      if (e.key !== "Enter") return;
      e.preventDefault();
      const first = visible()[0];
      if (first) first.querySelector("button").click();
    });
    input.focus();
  }

  function initReview() {
    const form = $("decision-form");
    if (form) {
      form.addEventListener("submit", e => {
        const b = e.submitter, comment = $("decision-comment"), err = $("decision-error");
        const confirm = $("confirm-approve");
        let text = "";
        if (b && b.value === "returned" && !comment.value.trim()) text = L.errors.comment_required;
        if (b && b.value === "approved" && confirm && (!confirm.checked || !comment.value.trim()))
          text = fmt(L.errors.confirm_required, {verdict: confirm.closest("label").textContent.match(/“(.+?)”/)[1]});
        if (text) { e.preventDefault(); err.textContent = text; err.hidden = false; (confirm && !confirm.checked && b.value === "approved" ? confirm : comment).focus(); }
      });
    }
    flowForm();
    const viewer = $("viewer"), name = $("source-name");
    for (const b of document.querySelectorAll("button.value")) {
      b.addEventListener("click", () => {
        if (!b.dataset.img) return;
        name.textContent = b.dataset.source;
        const img = el("img", {src: b.dataset.img, alt: b.dataset.source});
        viewer.replaceChildren(img);
        img.addEventListener("load", () => {
          const box = JSON.parse(b.dataset.box || "null");
          if (!box) return;
          const xs = box.map(p => p[0]), ys = box.map(p => p[1]);
          const w = img.naturalWidth, h = img.naturalHeight;
          const d = el("div", {class: "box"});
          d.style.left = (100 * Math.min(...xs) / w) + "%"; d.style.top = (100 * Math.min(...ys) / h) + "%";
          d.style.width = (100 * (Math.max(...xs) - Math.min(...xs)) / w) + "%";
          d.style.height = (100 * (Math.max(...ys) - Math.min(...ys)) / h) + "%";
          viewer.append(d);
        });
      });
    }
  }

  async function start() {
    const page = document.body.dataset.page;
    if (page === "print") { const b = $("print-now"); if (b) b.addEventListener("click", () => window.print()); return; }
    if (page === "pick") { initPick(); return; }
    try { L = await (await fetch("/labels.json")).json(); } catch (e) { return; }
    if (page === "case" || page === "citizen") initCase();
    else if (page === "queue") initQueue();
    else if (page === "review") initReview();
    document.documentElement.dataset.ready = "1";
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
