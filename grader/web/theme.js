// Light or dark for `workbook serve`. Runs in <head>, before the page is drawn, so a remembered
// choice never flashes the other theme. Without a remembered choice the system setting rules
// (the stylesheet's prefers-color-scheme); the toggle stores an explicit choice in localStorage.
(() => {
  const KEY = "workbook-theme";
  const root = document.documentElement;
  // Tells the stylesheet the menu button works: without scripts the sidebar stays unfolded.
  root.classList.add("js");
  const systemDark = matchMedia("(prefers-color-scheme: dark)");
  const stored = () => {
    try {
      return localStorage.getItem(KEY);
    } catch {
      return null; // storage blocked (private mode, file policies): follow the system
    }
  };
  const dark = () => (root.dataset.theme ? root.dataset.theme === "dark" : systemDark.matches);
  const apply = () => {
    const choice = stored();
    if (choice === "dark" || choice === "light") root.dataset.theme = choice;
    else delete root.dataset.theme;
    // highlight.js ships one stylesheet per theme: switch which one applies.
    const light = document.getElementById("highlight-light");
    const darkSheet = document.getElementById("highlight-dark");
    if (light && darkSheet) {
      light.media = choice ? (choice === "light" ? "all" : "not all") : "(prefers-color-scheme: light)";
      darkSheet.media = choice ? (choice === "dark" ? "all" : "not all") : "(prefers-color-scheme: dark)";
    }
    const button = document.getElementById("theme-toggle");
    if (button) button.setAttribute("aria-pressed", String(dark()));
  };
  apply();
  systemDark.addEventListener("change", apply);
  document.addEventListener("DOMContentLoaded", () => {
    apply();
    document.getElementById("theme-toggle")?.addEventListener("click", () => {
      try {
        localStorage.setItem(KEY, dark() ? "light" : "dark");
      } catch {
        root.dataset.theme = dark() ? "light" : "dark"; // not remembered, but still switched
      }
      apply();
    });
  });
})();
