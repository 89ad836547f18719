// 一窗 — small plain JS for the intake, citizen and review pages (no framework, no CDN).
"use strict";
const Yc = (() => {
  const STATUS = {present: "已提交", missing: "缺少", tolerated: "容缺", invalid: "无效", inconsistent: "不一致",
                  needs_review: "需人工核对", reused: "已复用", not_required: "无需提交", produced_in_bundle: "一并产生"};
  const REQ = {key: "关键", tolerable: "可容缺", conditional_key: "关键（条件）", not_required: "—"};
  const VERDICT = {complete: "材料齐全，可以受理", accept_with_tolerance: "容缺受理：须在期限内补齐材料",
                   needs_review: "需人工核对：有材料内容未能识别，请核对原件", incomplete: "材料不全，暂不能受理"};
  let cfg = null, polling = null;

  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) { if (k === "class") e.className = v; else if (k === "text") e.textContent = v; else e.setAttribute(k, v); }
    for (const c of children) e.append(c);
    return e;
  }
  function headers(json) {
    const h = {};
    if (cfg.token) h["Authorization"] = "Bearer " + cfg.token; else h["X-CSRF-Token"] = cfg.csrf;
    if (json) h["Content-Type"] = "application/json";
    return h;
  }
  async function api(method, path, body) {
    const opts = {method, headers: headers(body && !(body instanceof FormData)), credentials: "same-origin"};
    if (body) opts.body = body instanceof FormData ? body : JSON.stringify(body);
    const r = await fetch(path, opts);
    let data = null; try { data = await r.json(); } catch (e) { data = null; }
    return {status: r.status, data};
  }

  async function upload(files) {
    if (!files.length) return;
    const list = document.getElementById("uploads");
    const fd = new FormData();
    for (const f of files) fd.append("file", f);
    setVerdict("running", "正在上传…");
    const r = await api("POST", `/api/cases/${cfg.caseId}/files`, fd);
    if (r.status !== 201) {
      setVerdict("incomplete", (r.data && r.data.error && r.data.error.message) || "上传失败，请重试");
      return;
    }
    let allGood = true;
    for (const f of r.data.files) {
      for (const q of f.quality) {
        const ok = q.usable;
        allGood = allGood && ok;
        if (list) list.prepend(el("li", {class: ok ? "good" : "retake"},
          el("span", {class: "badge " + (ok ? "usable" : "bad"), text: ok ? "清晰" : "请重拍"}), " " + f.name +
          (f.pages > 1 ? ` 第${q.page}页` : "") + (ok ? "：已收到，正在识别" : "：" + q.problems.join("；"))));
      }
    }
    await api("POST", `/api/cases/${cfg.caseId}/check`);
    startPolling();
  }

  function setVerdict(kind, text) {
    const v = document.getElementById("verdict");
    if (v) { v.className = "verdict " + kind; v.textContent = text; }
  }

  function startPolling() {
    if (polling) clearTimeout(polling);
    const tick = async () => {
      const pages = await api("GET", `/api/cases/${cfg.caseId}/pages`);
      if (pages.status === 200) renderPages(pages.data.pages);
      const r = await api("GET", `/api/cases/${cfg.caseId}/result`);
      if (r.status === 202) { setVerdict("running", `正在识别：${r.data.done_pages}/${r.data.pages} 页`); polling = setTimeout(tick, 600); }
      else if (r.status === 200) renderResult(r.data);
      else if (r.data && r.data.error) setVerdict("pending", r.data.error.message);
    };
    tick();
  }

  function renderPages(pages) {
    const ol = document.getElementById("pages");
    if (!ol) return;
    ol.replaceChildren();
    for (const p of pages) {
      const li = el("li", {"data-page": p.sha256 + "#" + p.page});
      const state = p.state === "pending" ? "识别中…" : (p.material_name || "无法识别");
      li.append(el("strong", {text: `${p.name}${p.pages > 1 ? " 第" + p.page + "页" : ""}`}), " → ", el("span", {class: "material", text: state}));
      if (p.quality && !p.quality.usable) li.append(el("div", {class: "retake", text: p.quality.problems.join("；")}));
      if (cfg.mode === "clerk" && p.state !== "pending") {
        const sel = el("select", {"aria-label": "更正材料类型"});
        sel.append(el("option", {value: "", text: "更正为…"}));
        for (const [id, name] of Object.entries(cfg.materials)) sel.append(el("option", {value: id, text: name}));
        sel.append(el("option", {value: "unknown", text: "不是本事项材料"}));
        sel.addEventListener("change", async () => {
          if (!sel.value) return;
          await api("POST", `/clerk/api/cases/${cfg.caseId}/override`, {sha256: p.sha256, page: p.page, material: sel.value});
          await api("POST", `/api/cases/${cfg.caseId}/check`); startPolling();
        });
        li.append(" ", sel);
        for (const [field, value] of Object.entries(p.fields || {})) {
          const b = el("button", {class: "link field", title: "点击更正", text: `${cfg.labels[field] || field}：${value}`});
          b.addEventListener("click", async () => {
            const v = prompt(`更正「${cfg.labels[field] || field}」`, value);
            if (v === null || v === value) return;
            await api("POST", `/clerk/api/cases/${cfg.caseId}/override`, {sha256: p.sha256, page: p.page, field, value: v});
            await api("POST", `/api/cases/${cfg.caseId}/check`); startPolling();
          });
          li.append(el("div", {}, b));
        }
      }
      ol.append(li);
    }
  }

  function renderResult(res) {
    setVerdict(res.verdict, VERDICT[res.verdict]);
    const tbody = document.querySelector("#checklist tbody");
    if (tbody) {
      tbody.replaceChildren();
      for (const m of res.materials) {
        const marks = [];
        if (m.shared_by && m.shared_by.length) marks.push("多个事项共用");
        const tr = el("tr", {class: m.status},
          el("td", {}, m.name, marks.length ? el("div", {class: "shared", text: marks.join("，")}) : ""),
          el("td", {text: REQ[m.requirement] || m.requirement}),
          el("td", {}, el("span", {class: "badge " + m.status, text: STATUS[m.status] || m.status})),
          el("td", {text: (m.reasons || []).join("；")}));
        tbody.append(tr);
      }
      const n = document.getElementById("print-notice"); if (n) n.hidden = false;
      const c = document.getElementById("print-commitment"); if (c) c.hidden = res.verdict !== "accept_with_tolerance";
      const s = document.getElementById("saved");
      if (s && res.saved.materials_separately > res.saved.materials_in_bundle)
        s.textContent = `一件事：需提交材料 ${res.saved.materials_in_bundle} 件（分别办理需 ${res.saved.materials_separately} 件）`;
    }
    const missing = document.getElementById("missing");
    if (missing) {
      missing.replaceChildren();
      const gaps = res.materials.filter(m => ["missing", "tolerated", "invalid", "inconsistent", "needs_review"].includes(m.status));
      for (const m of gaps) missing.append(el("li", {}, el("span", {class: "badge " + m.status, text: STATUS[m.status]}), " " + m.name,
        el("div", {class: "hint", text: (m.reasons || []).join("；")})));
      if (!gaps.length) missing.append(el("li", {text: "材料已齐全，可以前往窗口或等待审核。"}));
    }
  }

  function initCase(c) {
    cfg = c;
    cfg.labels = cfg.labels || {};
    for (const id of ["file-input", "camera-input"]) {
      const input = document.getElementById(id);
      if (input) input.addEventListener("change", () => { upload([...input.files]); input.value = ""; });
    }
    const drop = document.getElementById("drop");
    if (drop) {
      drop.addEventListener("dragover", e => { e.preventDefault(); drop.classList.add("over"); });
      drop.addEventListener("dragleave", () => drop.classList.remove("over"));
      drop.addEventListener("drop", e => { e.preventDefault(); drop.classList.remove("over"); upload([...e.dataTransfer.files]); });
    }
    documentCamera();
    startPolling();
  }

  // 高拍仪: a document camera is a USB camera to the browser; take each page from its live picture.
  function documentCamera() {
    const open = document.getElementById("camera-open");
    if (!open) return;
    const panel = document.getElementById("camera"), video = document.getElementById("camera-video");
    let stream = null, shots = 0;
    open.addEventListener("click", async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({video: {width: {ideal: 3264}, height: {ideal: 2448}}});
      } catch (e) {
        setVerdict("pending", "无法打开高拍仪：请检查连接并允许浏览器使用摄像头（" + e.name + "）");
        return;
      }
      video.srcObject = stream; panel.hidden = false;
    });
    document.getElementById("camera-shoot").addEventListener("click", () => {
      const canvas = document.createElement("canvas");
      canvas.width = video.videoWidth; canvas.height = video.videoHeight;
      canvas.getContext("2d").drawImage(video, 0, 0);
      canvas.toBlob(blob => {
        shots += 1;
        document.getElementById("camera-count").textContent = `已拍 ${shots} 页`;
        const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
        upload([new File([blob], `gaopaiyi-${stamp}-${shots}.jpg`, {type: "image/jpeg"})]);
      }, "image/jpeg", 0.92);
    });
    document.getElementById("camera-close").addEventListener("click", () => {
      if (stream) stream.getTracks().forEach(t => t.stop());
      panel.hidden = true;
    });
  }

  function matterSearch() {
    const input = document.getElementById("matter-search");
    input.addEventListener("input", () => {
      const q = input.value.trim();
      for (const li of document.querySelectorAll(".matters li")) li.hidden = q && !li.dataset.name.includes(q);
    });
  }

  function initReview() {
    const viewer = document.getElementById("viewer"), name = document.getElementById("source-name");
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
  return {initCase, matterSearch, initReview};
})();

// Start-up without inline script (the CSP allows scripts from /static only): the page names what
// to run, and with what, in <script id="yc-init" type="application/json">.
(() => {
  const start = () => {
    const init = document.getElementById("yc-init");
    if (init) { const {fn, cfg} = JSON.parse(init.textContent); if (Yc[fn]) Yc[fn](cfg); }
    for (const b of document.querySelectorAll("[data-print]")) b.addEventListener("click", () => window.print());
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
