// Read an article: an uploaded file is read in the browser and put in the text box; errors
// from the server are shown under the text box.
const LIMIT = 2 * 1024 * 1024;

export function initReader() {
  const text = document.getElementById("article-text");
  const file = document.getElementById("article-file");
  const error = document.getElementById("text-error");
  const form = document.getElementById("reader-form");
  function show(message) {
    error.textContent = message;
    error.hidden = !message;
  }
  file.addEventListener("change", async () => {
    const f = file.files[0];
    if (!f) return;
    if (f.size > LIMIT) {
      show(`${f.name} is larger than 2 MiB; save the article alone, not a whole site`);
      return;
    }
    text.value = await f.text();
    show("");
  });
  form.addEventListener("htmx:beforeRequest", (e) => {
    if (new Blob([text.value]).size > LIMIT) {
      e.preventDefault();
      show("the article is larger than 2 MiB; paste a single article");
    } else show("");
  });
  document.getElementById("reading").addEventListener("htmx:beforeSwap", (e) => {
    const status = e.detail.xhr.status;
    if (status >= 400) {
      e.detail.shouldSwap = false;
      const body = e.detail.xhr.responseText;
      let message = body;
      try {
        message = JSON.parse(body).message;
      } catch {
        message = new DOMParser().parseFromString(body, "text/html").body.textContent.trim();
      }
      show(message || `error ${status}`);
    }
  });
}
