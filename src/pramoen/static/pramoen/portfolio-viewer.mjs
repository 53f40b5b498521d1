// The in-page portfolio viewer beside the rubric (pdf.js, served from our own static files).
//
// Why not the browser's own viewer in an <iframe>: Chromium's PDF viewer ignores a change of
// the URL fragment after the first load, so a link to "#page=12" did not move it, and the site's
// X-Frame-Options: DENY keeps our own pages out of frames anyway. pdf.js fetches the file with
// the judge's session and lets us turn to a page on request.
//
// Markup: an element [data-portfolio-viewer] with data-src (the PDF), data-pdfjs, data-worker
// and data-viewer (the pdf.js modules), containing .viewer-container > .pdfViewer, and the page
// controls [data-page-input], [data-page-count], [data-page-prev], [data-page-next],
// [data-viewer-status]. Links [data-portfolio-page="N"] anywhere on the page turn it to page N.
// Without JavaScript those links open the PDF itself at that page in a new tab.

const root = document.querySelector("[data-portfolio-viewer]");

function say(text) {
  const status = root.querySelector("[data-viewer-status]");
  if (status) status.textContent = text;
}

async function start() {
  const pdfjsLib = await import(root.dataset.pdfjs);
  // pdf_viewer.mjs reads the library from this global, so it must be set before that import.
  globalThis.pdfjsLib = pdfjsLib;
  const { EventBus, LinkTarget, PDFLinkService, PDFViewer } = await import(root.dataset.viewer);
  pdfjsLib.GlobalWorkerOptions.workerSrc = root.dataset.worker;

  const container = root.querySelector(".viewer-container");
  const input = root.querySelector("[data-page-input]");
  const count = root.querySelector("[data-page-count]");
  const eventBus = new EventBus();
  const linkService = new PDFLinkService({
    eventBus,
    externalLinkTarget: LinkTarget.BLANK,
    externalLinkRel: "noopener noreferrer nofollow",
  });
  const viewer = new PDFViewer({ container, eventBus, linkService, removePageBorders: false });
  linkService.setViewer(viewer);

  let wanted = null;
  const turnTo = (page) => {
    const n = Number.parseInt(page, 10);
    if (!Number.isFinite(n)) return;
    if (!viewer.pagesCount) {
      wanted = n;  // asked before the document is ready: turn there once it is
      return;
    }
    viewer.currentPageNumber = Math.min(Math.max(n, 1), viewer.pagesCount);
  };

  eventBus.on("pagesinit", () => {
    viewer.currentScaleValue = "page-width";
    count.textContent = String(viewer.pagesCount);
    input.max = String(viewer.pagesCount);
    input.disabled = false;
    root.dataset.pages = String(viewer.pagesCount);
    say("");
    if (wanted !== null) turnTo(wanted);
  });
  eventBus.on("pagechanging", (event) => {
    input.value = String(event.pageNumber);
    root.dataset.currentPage = String(event.pageNumber);
  });

  input.addEventListener("change", () => turnTo(input.value));
  root.querySelector("[data-page-prev]").addEventListener("click", () => {
    if (viewer.pagesCount) turnTo(viewer.currentPageNumber - 1);
  });
  root.querySelector("[data-page-next]").addEventListener("click", () => {
    if (viewer.pagesCount) turnTo(viewer.currentPageNumber + 1);
  });
  document.addEventListener("click", (event) => {
    const link = event.target.closest("[data-portfolio-page]");
    if (!link) return;
    event.preventDefault();
    turnTo(link.dataset.portfolioPage);
    root.scrollIntoView({ block: "nearest" });
  });
  window.addEventListener("resize", () => {
    if (viewer.pagesCount) viewer.currentScaleValue = "page-width";
  });

  const task = pdfjsLib.getDocument({
    url: root.dataset.src,
    // The file is the applicant's: no script, no XFA, nothing evaluated.
    isEvalSupported: false,
    enableXfa: false,
  });
  const pdf = await task.promise;
  viewer.setDocument(pdf);
  linkService.setDocument(pdf);
}

if (root) {
  start().catch((error) => {
    console.error(error);
    root.dataset.failed = "1";
    say(root.dataset.failedLabel || "Cannot show the PDF.");
  });
}
