// The behaviour of `workbook serve`'s pages: the sidebar folds away on small screens, and the
// pages follow the learner's saves through the server's event stream (no polling, no reload).
// Every fragment swapped in was rendered and escaped by the server (grader/web/pages.ts).
(() => {
  const menu = document.getElementById("menu-toggle");
  const setMenu = (open) => {
    document.body.classList.toggle("menu-open", open);
    menu.setAttribute("aria-expanded", String(open));
  };
  menu.addEventListener("click", () => {
    const open = !document.body.classList.contains("menu-open");
    setMenu(open);
    if (open) document.querySelector("#sidebar a")?.focus();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && document.body.classList.contains("menu-open")) {
      setMenu(false);
      menu.focus();
    }
  });

  // A code block or table wider than the page scrolls sideways: keyboard users must be able to
  // focus it to scroll it, so such regions (and only those) join the tab order.
  const markScrollable = () => {
    for (const region of document.querySelectorAll("main pre, main table")) {
      if (region.scrollWidth > region.clientWidth) region.setAttribute("tabindex", "0");
      else region.removeAttribute("tabindex");
    }
  };
  markScrollable();
  addEventListener("resize", markScrollable);

  // The contents fold away on small screens, where they would fill the first screen.
  const toc = document.getElementById("toc");
  if (toc && matchMedia("(min-width: 1100px)").matches) toc.open = true;

  if (!("EventSource" in window)) return;
  const events = new EventSource("/events");
  events.addEventListener("verdict", (event) => {
    const news = JSON.parse(event.data);
    const item = document.querySelector(`#sidebar li[data-exercise="${CSS.escape(news.id)}"] .state`);
    if (item) item.outerHTML = news.state;
    const count = document.getElementById("done-count");
    if (count) count.textContent = news.done;
    const page = document.querySelector(`article[data-exercise="${CSS.escape(news.id)}"] #verdict-body`);
    if (page) page.innerHTML = news.verdict;
  });
})();
