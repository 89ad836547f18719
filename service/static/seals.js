// Seal and signature boxes drawn over the page in the reviewer's viewer (templates/_seals.html).
(function () {
  "use strict";
  function show(button) {
    const viewer = document.getElementById("viewer"), name = document.getElementById("source-name");
    if (!viewer || !button.dataset.img) return;
    if (name) name.textContent = button.dataset.source;
    const img = document.createElement("img");
    img.src = button.dataset.img;
    img.alt = button.dataset.source;
    viewer.replaceChildren(img);
    img.addEventListener("load", () => {
      const boxes = JSON.parse(button.dataset.boxes || "[]"), kinds = JSON.parse(button.dataset.kinds || "[]");
      const w = img.naturalWidth, h = img.naturalHeight;
      boxes.forEach((b, i) => {
        const d = document.createElement("div");
        d.className = "box " + (kinds[i] === "seal" ? "seal-box" : "sign-box");
        d.style.left = (100 * b[0] / w) + "%";
        d.style.top = (100 * b[1] / h) + "%";
        d.style.width = (100 * (b[2] - b[0]) / w) + "%";
        d.style.height = (100 * (b[3] - b[1]) / h) + "%";
        viewer.append(d);
      });
    });
  }
  document.addEventListener("DOMContentLoaded", () => {
    for (const b of document.querySelectorAll("button.seal-ref")) b.addEventListener("click", () => show(b));
  });
})();
